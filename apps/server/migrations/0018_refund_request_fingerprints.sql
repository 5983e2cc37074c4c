-- A refund's Idempotency-Key is bound to the body that first used it, as payments' and
-- bookings' keys are (0017): the same key with another reason, payment or currency is refused
-- (409 idempotency_key_reused) instead of answering with the first refund. Refunds stored
-- before this migration have no fingerprint and are compared by invoice and amount only.
ALTER TABLE invoice_refunds
  ADD COLUMN request_fingerprint text CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
  ADD CHECK (request_fingerprint IS NULL OR request_key IS NOT NULL);
