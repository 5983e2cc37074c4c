-- Two more chart sections (docs/decisions/040): the laser / device settings of a procedure
-- (the device, one of the clinic's equipment resources; the patient's Fitzpatrick skin type;
-- the test spot; a row of settings per treatment area) and the products used during it
-- (numbing cream, serum, post-care), each optionally taken from an inventory lot's stock
-- like injectables. Both are locked with the chart once it is signed.

CREATE TABLE procedure_laser_settings (
  practice_id uuid NOT NULL,
  procedure_id uuid NOT NULL,
  -- A resource of kind 'equipment' at the booking's clinic (checked by the application).
  device_resource_id uuid,
  skin_type text CHECK (skin_type IN ('I', 'II', 'III', 'IV', 'V', 'VI')),
  test_spot_done boolean NOT NULL DEFAULT false,
  test_spot_site text CHECK (length(test_spot_site) BETWEEN 1 AND 200),
  test_spot_reaction text CHECK (length(test_spot_reaction) BETWEEN 1 AND 1000),
  test_spot_on date,
  PRIMARY KEY (practice_id, procedure_id),
  -- Where and how a test spot went are only written for one that was done.
  CHECK (test_spot_done OR (test_spot_site IS NULL AND test_spot_reaction IS NULL AND test_spot_on IS NULL)),
  CONSTRAINT procedure_laser_settings_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT procedure_laser_settings_device_fkey FOREIGN KEY (practice_id, device_resource_id) REFERENCES resources (practice_id, id)
);
CREATE INDEX procedure_laser_settings_device_idx ON procedure_laser_settings (practice_id, device_resource_id);
SELECT protect_tenant_table('procedure_laser_settings', 'SELECT, INSERT, DELETE');

-- The settings per treatment area, in the order charted. Units: fluence J/cm², spot size
-- mm, pulse width ms.
CREATE TABLE procedure_laser_setting_rows (
  practice_id uuid NOT NULL,
  procedure_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
  fluence_j_per_cm2 double precision NOT NULL CHECK (fluence_j_per_cm2 BETWEEN 0.1 AND 1000),
  spot_size_mm double precision NOT NULL CHECK (spot_size_mm BETWEEN 0.1 AND 100),
  pulse_width_ms double precision NOT NULL CHECK (pulse_width_ms BETWEEN 0.001 AND 1000),
  passes smallint NOT NULL CHECK (passes BETWEEN 1 AND 20),
  cooling text NOT NULL CHECK (cooling IN ('none', 'contact', 'cryogen_spray', 'air')),
  PRIMARY KEY (practice_id, procedure_id, position),
  CONSTRAINT procedure_laser_setting_rows_settings_fkey FOREIGN KEY (practice_id, procedure_id)
    REFERENCES procedure_laser_settings (practice_id, procedure_id)
);
SELECT protect_tenant_table('procedure_laser_setting_rows', 'SELECT, INSERT, DELETE');

-- Products used during a procedure. With a lot, the quantity is whole units taken from the
-- lot's stock (and a recall of the lot finds the patient); without one, any amount in the
-- unit written.
CREATE TABLE procedure_products_used (
  practice_id uuid NOT NULL,
  procedure_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 100),
  product_name text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
  quantity double precision NOT NULL CHECK (quantity > 0 AND quantity <= 10000),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
  lot_id uuid,
  PRIMARY KEY (practice_id, procedure_id, position),
  CHECK (lot_id IS NULL OR quantity = trunc(quantity)),
  CONSTRAINT procedure_products_used_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT procedure_products_used_lot_fkey FOREIGN KEY (practice_id, lot_id) REFERENCES inventory_lots (practice_id, id)
);
CREATE INDEX procedure_products_used_lot_idx ON procedure_products_used (practice_id, lot_id) WHERE lot_id IS NOT NULL;
SELECT protect_tenant_table('procedure_products_used', 'SELECT, INSERT, DELETE');

-- A signed chart's laser settings and products are locked like its injectables (0029) and
-- photos (0039), whoever asks: the function reads the row's practice_id and procedure_id.
CREATE TRIGGER procedure_laser_settings_locked_after_signing BEFORE INSERT OR UPDATE OR DELETE ON procedure_laser_settings
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_injectables_change();
CREATE TRIGGER procedure_laser_setting_rows_locked_after_signing BEFORE INSERT OR UPDATE OR DELETE ON procedure_laser_setting_rows
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_injectables_change();
CREATE TRIGGER procedure_products_used_locked_after_signing BEFORE INSERT OR UPDATE OR DELETE ON procedure_products_used
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_injectables_change();
