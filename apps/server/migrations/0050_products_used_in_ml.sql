-- Products used take mL to 0.01 mL from an mL lot, as injectables do (docs/decisions/043).
-- The quantity becomes exact (numeric, no floats); a product written without a lot keeps any
-- amount to 0.01 in its own unit. A units lot still gives whole units: the server refuses a
-- fraction, and the lot's own CHECK (0048) keeps its stock whole whatever takes from it.
ALTER TABLE procedure_products_used DROP CONSTRAINT procedure_products_used_check;
ALTER TABLE procedure_products_used ALTER COLUMN quantity TYPE numeric(10, 2);
