-- What request an Idempotency-Key was first used for: a retry must be the same request, not a new one under an old key.
ALTER TABLE redemption_idempotency ADD COLUMN request_fingerprint text;
