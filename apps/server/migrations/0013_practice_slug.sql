-- Each practice's URL slug: the patient portal lives at /portal/<slug> and the online
-- booking page at /book/<slug>. Unique across the installation; NULL until the owner sets one.

ALTER TABLE practices ADD COLUMN slug text
  CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 3 AND 40);
CREATE UNIQUE INDEX practices_slug_key ON practices (slug);
