-- What the request under an idempotency key asked for (SHA-256 hex of its canonical type,
-- siteId and data), so the same key with a different body is refused instead of answered with
-- an event the client did not ask for. Keys remembered before this column existed have none
-- and keep answering with their first event.
alter table event_idempotency add column request_fingerprint varchar(64);
