-- GET /v1/deliveries lists a tenant's whole log newest first. Without this index PostgreSQL
-- walks delivery_pk backwards and skips every other tenant's row: a small tenant's page, or a
-- filter that matches little, reads the whole table. With it, a page walks only the tenant's
-- rows. Cost: 87 bytes per delivery freshly built, up to 157 as inserts split its leaves (each
-- tenant's newest ids land mid-index, as in delivery_webhook_idx); tenant_id and id never
-- change, so updates of a delivery's status do not touch it.
create index delivery_tenant_idx on delivery (tenant_id, id);
