-- Paperwork: consent, questionnaire and pre-treatment instruction templates with their
-- versions, the forms attached to each service, and the forms assigned to a patient for an
-- appointment with their status history.
--
-- What a patient signed stays what they saw: a template's wording lives in append-only
-- versions, an edit adds a version, and an assignment names the exact version it asks for.

CREATE TABLE paperwork_templates (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('consent', 'questionnaire', 'instructions')),
  -- The version new assignments get; always the highest.
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  -- Deactivated templates are never deleted (assignments point at them); they are no longer
  -- assigned, attached or offered.
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  CONSTRAINT paperwork_templates_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('paperwork_templates', 'SELECT, INSERT, UPDATE');

-- The wording of each version. The application may only add versions (no UPDATE grant).
CREATE TABLE paperwork_template_versions (
  practice_id uuid NOT NULL,
  template_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- consent and instructions: {"format", "body"}; questionnaire: {"description", "questions"}.
  content jsonb NOT NULL,
  requires_signature boolean NOT NULL DEFAULT false,
  requires_witness_signature boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (practice_id, template_id, version),
  CHECK (requires_signature OR NOT requires_witness_signature),
  CONSTRAINT paperwork_template_versions_template_fkey FOREIGN KEY (practice_id, template_id) REFERENCES paperwork_templates (practice_id, id),
  CONSTRAINT paperwork_template_versions_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('paperwork_template_versions', 'SELECT, INSERT');

-- The forms a service forwards to the patient when it is booked, in order. Configuration,
-- not history: deleting a service removes its attachments.
CREATE TABLE service_paperwork (
  practice_id uuid NOT NULL,
  service_id uuid NOT NULL,
  template_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position >= 1),
  PRIMARY KEY (practice_id, service_id, template_id),
  CONSTRAINT service_paperwork_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT service_paperwork_template_fkey FOREIGN KEY (practice_id, template_id) REFERENCES paperwork_templates (practice_id, id)
);
CREATE INDEX service_paperwork_template_idx ON service_paperwork (practice_id, template_id);
SELECT protect_tenant_table('service_paperwork', 'SELECT, INSERT, DELETE');

-- A form asked of a patient for one appointment: one per (appointment, template), pinned to
-- the version current when it was assigned.
CREATE TABLE paperwork_assignments (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  appointment_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  template_id uuid NOT NULL,
  template_version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('consent', 'questionnaire', 'instructions')),
  status text NOT NULL CHECK (status IN ('not_signed', 'witness_signature_required', 'signed', 'not_filled', 'filled', 'not_viewed', 'viewed')),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  reset_count integer NOT NULL DEFAULT 0 CHECK (reset_count >= 0),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT paperwork_assignments_once UNIQUE (practice_id, appointment_id, template_id),
  CONSTRAINT paperwork_assignments_status_fits_kind CHECK (
    (kind = 'consent' AND status IN ('not_signed', 'witness_signature_required', 'signed'))
    OR (kind = 'questionnaire' AND status IN ('not_filled', 'filled'))
    OR (kind = 'instructions' AND status IN ('not_viewed', 'viewed'))),
  CONSTRAINT paperwork_assignments_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT paperwork_assignments_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT paperwork_assignments_version_fkey FOREIGN KEY (practice_id, template_id, template_version)
    REFERENCES paperwork_template_versions (practice_id, template_id, version)
);
CREATE INDEX paperwork_assignments_patient_idx ON paperwork_assignments (practice_id, patient_id, assigned_at DESC);
SELECT protect_tenant_table('paperwork_assignments', 'SELECT, INSERT, UPDATE');

-- Append-only history of each assignment: assigned, status changes, resets (who, when, from, to).
CREATE TABLE paperwork_assignment_events (
  practice_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  assignment_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_staff_id uuid,
  type text NOT NULL CHECK (length(type) <= 60),
  from_status text,
  to_status text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT paperwork_assignment_events_assignment_fkey FOREIGN KEY (practice_id, assignment_id) REFERENCES paperwork_assignments (practice_id, id),
  CONSTRAINT paperwork_assignment_events_actor_fkey FOREIGN KEY (practice_id, actor_staff_id) REFERENCES staff (practice_id, id)
);
CREATE INDEX paperwork_assignment_events_assignment_idx ON paperwork_assignment_events (practice_id, assignment_id, id);
SELECT protect_tenant_table('paperwork_assignment_events', 'SELECT, INSERT');
