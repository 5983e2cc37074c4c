-- Lots say what they count (docs/decisions/043): whole units, as before, or mL to 0.01 mL.
-- Stock stays exact (numeric, no floats) and still never goes negative: the take is one
-- UPDATE guarded by `quantity_on_hand >= amount`, and 0029's CHECK holds the floor.
ALTER TABLE inventory_lots ADD COLUMN unit text NOT NULL DEFAULT 'units' CHECK (unit IN ('units', 'mL'));
ALTER TABLE inventory_lots ALTER COLUMN quantity_received TYPE numeric(10, 2);
ALTER TABLE inventory_lots ALTER COLUMN quantity_on_hand TYPE numeric(10, 2);
-- An mL lot may hold less than 1 mL (a 0.55 mL syringe); a units lot still holds whole units.
ALTER TABLE inventory_lots DROP CONSTRAINT inventory_lots_quantity_received_check;
ALTER TABLE inventory_lots ADD CONSTRAINT inventory_lots_quantity_received_check CHECK (quantity_received > 0 AND quantity_received <= 1000000);
ALTER TABLE inventory_lots ADD CONSTRAINT inventory_lots_whole_units_check
  CHECK (unit = 'mL' OR (quantity_received = trunc(quantity_received) AND quantity_on_hand = trunc(quantity_on_hand)));

-- An injectable gives whole units from a units lot or mL from an mL lot: one of the two.
ALTER TABLE procedure_injectables ALTER COLUMN units DROP NOT NULL;
ALTER TABLE procedure_injectables ADD COLUMN milliliters numeric(7, 2) CHECK (milliliters > 0 AND milliliters <= 1000);
ALTER TABLE procedure_injectables ADD CONSTRAINT procedure_injectables_one_amount_check CHECK ((units IS NULL) <> (milliliters IS NULL));
