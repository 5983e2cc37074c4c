-- An Idempotency-Key is bound to the request that first used it: the SHA-256 (hex) of its
-- parsed body is stored with the key, and the same key sent with another body is refused
-- (409 idempotency_key_reused) instead of replaying an answer to a different request. Keys
-- stored before this migration have no fingerprint and keep replaying for any body.
ALTER TABLE appointments
  ADD COLUMN request_fingerprint text CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
  ADD CHECK (request_fingerprint IS NULL OR idempotency_key IS NOT NULL);
ALTER TABLE appointment_request_keys
  ADD COLUMN request_fingerprint text CHECK (request_fingerprint ~ '^[0-9a-f]{64}$');
ALTER TABLE invoice_payments
  ADD COLUMN request_fingerprint text CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
  ADD CHECK (request_fingerprint IS NULL OR request_key IS NOT NULL);
