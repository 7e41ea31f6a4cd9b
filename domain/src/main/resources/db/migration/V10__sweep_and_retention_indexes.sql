-- A waiting delivery (answered 202 under asyncAcknowledgement) keeps in next_attempt_at the time
-- its acknowledgement is overdue; each node's sweep finds the overdue ones through this index.
create index delivery_waiting_idx on delivery (next_attempt_at) where status = 'waiting';
/* [jooq ignore start] */
update delivery set next_attempt_at = updated_at + interval '24 hours'
 where status = 'waiting' and next_attempt_at is null;
/* [jooq ignore stop] */

-- Retention removes an event only once no delivery refers to it, and idempotency keys by age.
create index delivery_event_idx on delivery (event_id);
create index event_idempotency_expires_idx on event_idempotency (expires_at);
