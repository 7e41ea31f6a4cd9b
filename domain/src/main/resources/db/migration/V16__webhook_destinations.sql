-- Where a webhook's deliveries go (docs/delivery.md, "Queue destinations"): an HTTPS endpoint
-- (the url, as before), a Kafka topic or an AMQP exchange. The settings are JSON without their
-- secret; the broker password (SASL, or the AMQP URI's) is sealed like the signing secret, bound
-- to the webhook's row, and never returned. For a queue destination, url holds a readable
-- kafka://… or amqp://… address with no credentials, for lists and logs.
-- V15 is left to the per-webhook rate limit, which lands separately.
alter table webhook add column destination jsonb not null default '{"type":"https"}';
alter table webhook add column destination_secret_ciphertext bytea;
alter table webhook add column destination_secret_key_id varchar(32);
alter table webhook add constraint webhook_destination_secret_ck
    check ((destination_secret_ciphertext is null) = (destination_secret_key_id is null));
