-- Notifications: the message outbox (email and SMS), its attachments, and the practice's
-- editable message templates.
--
-- The outbox is its own queue (docs/decisions/005): a message row is written in the same
-- transaction as the change that causes it, and the delivery worker claims due rows with
-- FOR UPDATE SKIP LOCKED, so any number of server processes share the work and a crash
-- loses nothing.

CREATE TABLE messages (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Insertion order for keyset paging and first-in-first-out delivery (timestamps tie).
  created_seq bigint GENERATED ALWAYS AS IDENTITY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject text CHECK (length(subject) BETWEEN 1 AND 300),
  text_body text NOT NULL CHECK (length(text_body) BETWEEN 1 AND 100000),
  html_body text CHECK (length(html_body) BETWEEN 1 AND 500000),
  -- held: no transport for the channel was configured when the message fell due; it stays
  -- readable and is never sent later by itself (only an explicit resend sends it).
  -- cancelled: withdrawn before delivery (a reminder for an appointment that was cancelled).
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'held', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 50),
  -- NULL: due as soon as a worker sees it. A reminder sets it to its send time.
  next_attempt_at timestamptz,
  -- The lease of the worker that is sending it; an expired lease means the worker died.
  locked_until timestamptz,
  claim_token uuid,
  last_attempt_at timestamptz,
  last_error text CHECK (length(last_error) <= 2000),
  sent_at timestamptz,
  provider_message_id text CHECK (length(provider_message_id) <= 300),
  patient_id uuid,
  -- A plain uuid until the appointments module adds its foreign key.
  appointment_id uuid,
  template_key text CHECK (template_key ~ '^[a-z_]{1,50}$'),
  -- Whatever makes the message unique for its sender, e.g. 'reminder:<appointment>:<offset>'.
  dedupe_key text CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  resend_of_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The staff member whose action queued it; NULL for the system (reminders).
  created_by uuid,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT messages_dedupe_key UNIQUE (practice_id, dedupe_key),
  CONSTRAINT messages_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT messages_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id),
  CONSTRAINT messages_resend_of_fkey FOREIGN KEY (practice_id, resend_of_id) REFERENCES messages (practice_id, id),
  CONSTRAINT messages_sms_is_plain CHECK (channel = 'email' OR (subject IS NULL AND html_body IS NULL)),
  CONSTRAINT messages_email_has_subject CHECK (channel = 'sms' OR subject IS NOT NULL),
  CONSTRAINT messages_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  CONSTRAINT messages_lease_while_sending CHECK ((status = 'sending') = (locked_until IS NOT NULL AND claim_token IS NOT NULL))
);
-- What the worker scans: due queued messages in order, and leases that may have expired.
CREATE INDEX messages_due_idx ON messages (next_attempt_at NULLS FIRST, created_seq) WHERE status = 'queued';
CREATE INDEX messages_lease_idx ON messages (locked_until) WHERE status = 'sending';
CREATE INDEX messages_practice_list_idx ON messages (practice_id, created_seq DESC);
CREATE INDEX messages_appointment_idx ON messages (practice_id, appointment_id, created_seq DESC) WHERE appointment_id IS NOT NULL;
CREATE INDEX messages_patient_idx ON messages (practice_id, patient_id, created_seq DESC) WHERE patient_id IS NOT NULL;
SELECT protect_tenant_table('messages', 'SELECT, INSERT, UPDATE');

-- What was sent never changes: only the delivery columns may be updated.
CREATE FUNCTION refuse_message_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.practice_id, NEW.id, NEW.created_seq, NEW.channel, NEW.to_address, NEW.subject, NEW.text_body, NEW.html_body,
      NEW.patient_id, NEW.appointment_id, NEW.template_key, NEW.dedupe_key, NEW.resend_of_id, NEW.created_at, NEW.created_by,
      NEW.max_attempts)
     IS DISTINCT FROM
     (OLD.practice_id, OLD.id, OLD.created_seq, OLD.channel, OLD.to_address, OLD.subject, OLD.text_body, OLD.html_body,
      OLD.patient_id, OLD.appointment_id, OLD.template_key, OLD.dedupe_key, OLD.resend_of_id, OLD.created_at, OLD.created_by,
      OLD.max_attempts) THEN
    RAISE EXCEPTION 'a message''s content cannot change after it is queued' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER messages_content_immutable BEFORE UPDATE ON messages
  FOR EACH ROW EXECUTE FUNCTION refuse_message_content_change();

-- Email attachments (an .ics invite), in the order they were given.
CREATE TABLE message_attachments (
  practice_id uuid NOT NULL,
  message_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 200),
  content bytea NOT NULL CHECK (octet_length(content) <= 2097152),
  PRIMARY KEY (practice_id, message_id, position),
  CONSTRAINT message_attachments_message_fkey FOREIGN KEY (practice_id, message_id) REFERENCES messages (practice_id, id)
);
SELECT protect_tenant_table('message_attachments', 'SELECT, INSERT');

-- A practice's own wording; a template without a row uses the built-in default.
CREATE TABLE message_templates (
  practice_id uuid NOT NULL REFERENCES practices (id),
  template_key text NOT NULL CHECK (template_key IN (
    'booking_confirmation', 'reschedule', 'cancellation', 'reminder', 'no_show', 'fee_charged', 'paperwork_request')),
  email_subject text NOT NULL CHECK (length(email_subject) BETWEEN 1 AND 300),
  email_body text NOT NULL CHECK (length(email_body) BETWEEN 1 AND 20000),
  sms_body text NOT NULL CHECK (length(sms_body) BETWEEN 1 AND 1600),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, template_key),
  CONSTRAINT message_templates_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('message_templates');
