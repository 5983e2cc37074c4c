-- The patient completes paperwork in the portal: a template says how many days before its
-- appointment the form shows; questionnaire answers are saved (draft, then submitted); a
-- consent is signed by the patient and, when its version requires one, by a staff witness.
--
-- Each signature keeps the PDF it produced and that PDF's SHA-256 (decision 020): the stored
-- bytes are the document, not a rendering that a later version of the code might redo
-- differently. A staff reset starts a new round (the assignment's reset_count); the answers
-- and signatures of earlier rounds stay as they were.

ALTER TABLE paperwork_templates
  ADD COLUMN show_days_before smallint NOT NULL DEFAULT 7 CHECK (show_days_before BETWEEN 0 AND 365);

CREATE TABLE paperwork_responses (
  practice_id uuid NOT NULL,
  assignment_id uuid NOT NULL,
  round integer NOT NULL CHECK (round >= 0),
  template_version integer NOT NULL,
  -- Answers by question id, checked against the version's questions when saved.
  answers jsonb NOT NULL,
  saved_at timestamptz NOT NULL,
  -- Set once the patient submits; the form is Filled and the row no longer changes.
  submitted_at timestamptz,
  PRIMARY KEY (practice_id, assignment_id, round),
  CONSTRAINT paperwork_responses_assignment_fkey FOREIGN KEY (practice_id, assignment_id)
    REFERENCES paperwork_assignments (practice_id, id)
);
SELECT protect_tenant_table('paperwork_responses', 'SELECT, INSERT, UPDATE');

CREATE TABLE paperwork_signatures (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL,
  round integer NOT NULL CHECK (round >= 0),
  role text NOT NULL CHECK (role IN ('patient', 'witness')),
  template_version integer NOT NULL,
  typed_name text NOT NULL CHECK (length(typed_name) BETWEEN 1 AND 200),
  -- The staff member who witnessed; null for the patient's own signature.
  witness_staff_id uuid,
  signature_png bytea NOT NULL CHECK (octet_length(signature_png) <= 200000),
  signed_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  -- The signed consent as produced at this signature (the witness's includes the patient's).
  document_pdf bytea NOT NULL CHECK (octet_length(document_pdf) <= 4194304),
  document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (practice_id, id),
  -- One patient signature and one witness signature per round: a second is refused here too.
  CONSTRAINT paperwork_signatures_once UNIQUE (practice_id, assignment_id, round, role),
  CHECK ((role = 'witness') = (witness_staff_id IS NOT NULL)),
  CONSTRAINT paperwork_signatures_assignment_fkey FOREIGN KEY (practice_id, assignment_id)
    REFERENCES paperwork_assignments (practice_id, id),
  CONSTRAINT paperwork_signatures_witness_fkey FOREIGN KEY (practice_id, witness_staff_id)
    REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('paperwork_signatures', 'SELECT, INSERT');
