-- The tenant-wide log (GET /v1/deliveries) now reads each of the tenant's webhooks newest first
-- through delivery_webhook_idx (webhook_id, id) and merges them (a tenant has a handful of
-- webhooks: its webhookLimit), so a small tenant's page still never walks other tenants' rows.
-- delivery_tenant_idx cost every delivery 87 to 157 bytes and an index entry for each of its
-- three row versions (enqueued, claimed, settled); see docs/performance.md.
drop index delivery_tenant_idx;
