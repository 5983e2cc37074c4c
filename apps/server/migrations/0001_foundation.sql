-- Foundation: practices, staff, sessions, the audit trail and the tenancy machinery
-- every later table reuses. Runs on PostgreSQL 15+ and on PGlite.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The role every request runs as (SET LOCAL ROLE inside each transaction). It owns
-- nothing, so row-level security applies to it. Roles are cluster-wide: create once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'glowdesk_app') THEN
    CREATE ROLE glowdesk_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the same server created it concurrently
END
$$;
GRANT glowdesk_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO glowdesk_app;

-- The practice whose rows the current transaction may see; NULL outside a tenant context.
CREATE FUNCTION current_practice_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.practice_id', true), '')::uuid $$;

-- Enables row-level security on a tenant table, limits glowdesk_app to the current
-- practice's rows, and grants it the given privileges.
CREATE FUNCTION protect_tenant_table(table_name regclass, privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', table_name);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO glowdesk_app USING (practice_id = current_practice_id()) WITH CHECK (practice_id = current_practice_id())',
    table_name);
  EXECUTE format('GRANT %s ON %s TO glowdesk_app', privileges, table_name);
END
$$;

CREATE TABLE practices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  timezone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE practices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON practices TO glowdesk_app
  USING (id = current_practice_id()) WITH CHECK (id = current_practice_id());
GRANT SELECT, UPDATE ON practices TO glowdesk_app;

CREATE TABLE staff (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'provider', 'front_desk')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  UNIQUE (id)
);
-- One sign-in identity per email address across the installation.
CREATE UNIQUE INDEX staff_email_key ON staff (email);
SELECT protect_tenant_table('staff');

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  practice_id uuid NOT NULL,
  staff_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  FOREIGN KEY (practice_id, staff_id) REFERENCES staff (practice_id, id)
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (practice_id, staff_id);
SELECT protect_tenant_table('staff_sessions');

-- Append-only: glowdesk_app may read and insert, never change or remove; a trigger
-- refuses UPDATE and DELETE for every role as well.
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  practice_id uuid REFERENCES practices (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL CHECK (actor_type IN ('staff', 'patient', 'system', 'anonymous')),
  actor_id uuid,
  actor_label text,
  action text NOT NULL,
  object_type text,
  object_id text,
  outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure')),
  ip text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_practice_time_idx ON audit_events (practice_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_object_idx ON audit_events (practice_id, object_type, object_id);
SELECT protect_tenant_table('audit_events', 'SELECT, INSERT');

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- Failed sign-in counters per fixed window, shared by every server process.
CREATE TABLE auth_failure_counters (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, window_start)
);
