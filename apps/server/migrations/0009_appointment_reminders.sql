-- Appointment reminders: each practice's reminder times, and the ledger of reminders the
-- reminder job has handled (docs/decisions/008).

-- A practice without a row uses the defaults: reminders on, 48 hours and 2 hours before.
CREATE TABLE practice_notification_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  reminders_enabled boolean NOT NULL DEFAULT true,
  -- Minutes before the start, distinct, largest first; empty means no reminders.
  reminder_offsets_minutes integer[] NOT NULL DEFAULT '{2880,120}'
    CHECK (cardinality(reminder_offsets_minutes) <= 5 AND 15 <= ALL (reminder_offsets_minutes) AND 20160 >= ALL (reminder_offsets_minutes)),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT practice_notification_settings_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('practice_notification_settings', 'SELECT, INSERT, UPDATE');

-- One row per reminder handled, keyed by what makes it unique: the appointment, the offset
-- and the start it was for (a moved appointment has a new start, so it gets its own
-- reminders). The primary key makes the job idempotent across re-runs and processes.
CREATE TABLE appointment_reminders (
  practice_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  offset_minutes integer NOT NULL CHECK (offset_minutes > 0),
  starts_at timestamptz NOT NULL,
  -- queued: a message was written to the outbox; skipped: the patient has neither an email
  -- nor a phone; failed: the message could not be built (e.g. an SMS over the limit).
  outcome text NOT NULL CHECK (outcome IN ('queued', 'skipped', 'failed')),
  channel text CHECK (channel IN ('email', 'sms')),
  message_id uuid,
  reason text CHECK (length(reason) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, appointment_id, offset_minutes, starts_at),
  CHECK ((outcome = 'queued') = (message_id IS NOT NULL)),
  CONSTRAINT appointment_reminders_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT appointment_reminders_message_fkey FOREIGN KEY (practice_id, message_id) REFERENCES messages (practice_id, id)
);
SELECT protect_tenant_table('appointment_reminders', 'SELECT, INSERT');

-- The reminder job's scan, across practices: live appointments by start time.
CREATE INDEX appointments_live_start_idx ON appointments (starts_at)
  WHERE kind = 'appointment' AND status IN ('booked', 'confirmed');
