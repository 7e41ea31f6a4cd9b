-- Almost no delivery holds an acknowledgement token (only async webhooks' waiting ones, until
-- acknowledged): index the ones that do, not a NULL entry for every delivery ever made.
drop index delivery_ack_idx;
create unique index delivery_ack_idx on delivery (ack_token_hash) where ack_token_hash is not null;

-- Attempt retention goes by the attempt's id (a ULID made when it is recorded, within its
-- timeout of its start) through the primary key, as delivery retention does: the index on the
-- start time was there for retention only.
drop index delivery_attempt_started_idx;

-- A webhook id is unique across tenants, so the log's list (tenant, webhook, newest first) needs
-- only (webhook_id, id) from the index; the tenant condition is checked on the row it finds.
drop index delivery_webhook_idx;
create index delivery_webhook_idx on delivery (webhook_id, id);
