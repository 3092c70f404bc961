-- The sha256 of the request that first used a case's Idempotency-Key: a retry with the same key
-- replays the case, the same key with a different request is refused (422), as Stripe does.
-- Cases filed before this have none: a retry of theirs replays as before.
ALTER TABLE cases ADD COLUMN idempotency_request_sha256 text;
