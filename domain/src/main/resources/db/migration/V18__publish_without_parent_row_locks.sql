-- A foreign key check locks the parent row (FOR KEY SHARE) until the transaction ends. Every
-- publish inserts an event (parent: its tenant) and a delivery per matching webhook (parents: the
-- webhook and the event), so concurrent publishes of one tenant all lock the same tenant row and
-- the same few webhook rows; two lockers of one row make a MultiXact, each further one a new,
-- larger MultiXact. Measured with the benchmark's ingest (64 clients, docs/performance.md,
-- "Seventh round"): the event insert took 130 µs and the delivery insert 184 µs of execution
-- with these keys, 69 µs and 97 µs without them; PostgreSQL's processor time per accepted event
-- fell from 1,319 to 1,110 µs.
--
-- What the keys guarded is kept another way:
-- * event -> tenant: tenants are never deleted, and the publisher looks its tenant up before it
--   inserts the event; row-level security binds the row to that tenant.
-- * delivery -> event: a delivery is inserted only in its event's own publishing transaction,
--   after the event; retention deletes an event only when no delivery refers to it (Retention).
-- * delivery -> webhook (on delete cascade): deleting a webhook deletes its deliveries in the same
--   transaction (DeliveryQueue.deleteOfWebhook, with their attempts). A publish that read the
--   webhook's routes before the delete and commits after it leaves a delivery whose webhook is
--   gone: the claim, the sweeps and the queue's figures pass it over, and retention deletes it
--   with the final ones (DeliveryQueue.deleteFinalBefore). With the key, the same race failed that publish (a foreign
--   key violation) or made the delete wait for it.
alter table event drop constraint event_tenant_fk;
alter table delivery drop constraint delivery_event_fk;
alter table delivery drop constraint delivery_webhook_fk;
