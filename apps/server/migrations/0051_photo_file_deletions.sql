-- Files of deleted procedure photos still to be removed from the file store (docs/decisions/047).
-- A row per file is written in the transaction that deletes the photo, so a deletion whose
-- files the store could not remove at once (or whose process stopped after the commit) is
-- never forgotten: the deletion removes the files after its commit and then the rows, and the
-- photo file cleanup job retries the rest with backoff until the store confirms.

CREATE TABLE photo_file_deletions (
  practice_id uuid NOT NULL REFERENCES practices (id),
  file_key text NOT NULL CHECK (length(file_key) BETWEEN 1 AND 500),
  -- The deleted photo the file belonged to (its row is gone, so no foreign key).
  photo_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  -- Attempts started, the one the deletion makes right after its commit included.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When a worker may take the row. While an attempt is under way it is the end of that
  -- attempt's lease: a worker that stopped mid-attempt leaves the row to the next one.
  next_attempt_at timestamptz NOT NULL,
  -- The job run holding the row; NULL while the deletion itself is attempting it, or between attempts.
  claim_token uuid,
  last_attempt_at timestamptz,
  last_error text CHECK (length(last_error) <= 2000),
  PRIMARY KEY (practice_id, file_key),
  -- Only the practice's own files: the job reads every practice's rows and deletes what they name.
  CONSTRAINT photo_file_deletions_key_in_practice CHECK (starts_with(file_key, 'practices/' || practice_id::text || '/'))
);
-- What the job scans: rows due by time, oldest due first.
CREATE INDEX photo_file_deletions_due_idx ON photo_file_deletions (next_attempt_at);
SELECT protect_tenant_table('photo_file_deletions');
