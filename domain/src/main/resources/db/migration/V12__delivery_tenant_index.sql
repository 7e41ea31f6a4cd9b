-- GET /v1/deliveries lists a tenant's whole log newest first. Without this index PostgreSQL
-- walks delivery_pk backwards and skips every other tenant's row: a small tenant among large
-- ones reads the whole table for one page. With it, a page is LIMIT + 1 index entries. About
-- 76 bytes of index per delivery (two 30-character ids, tuple header, line pointer).
create index delivery_tenant_idx on delivery (tenant_id, id);
