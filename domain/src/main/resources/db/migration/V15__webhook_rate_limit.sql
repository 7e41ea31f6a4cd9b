-- A webhook's own throttle (docs/delivery.md, "Per-webhook rate limit"): at most rate_limit
-- deliveries per second to its URL, across every node; null = unlimited.
alter table webhook add column rate_limit integer;
alter table webhook add constraint webhook_rate_limit_ck check (rate_limit between 1 and 10000);

-- The last send slot handed out to a throttled backlog: deliveries that found no token are made
-- due one after another from here (1 / rate_limit apart), so the backlog is claimed about once
-- more each, as tokens come due, not over and over. Written by the delivery queue only.
alter table webhook add column throttled_until timestamptz;
