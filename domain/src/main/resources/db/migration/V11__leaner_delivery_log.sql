-- Almost no delivery holds an acknowledgement token (only async webhooks' waiting ones, until
-- acknowledged): index the ones that do, not a NULL entry for every delivery ever made.
drop index delivery_ack_idx;
create unique index delivery_ack_idx on delivery (ack_token_hash) where ack_token_hash is not null;
