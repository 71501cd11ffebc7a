-- Collect every rejected record in one `quarantine` table (Spark), as pipeline/stages/validate/quarantine.sql does,
-- each once under the stage that rejected it: lines ingest could not date-partition (lake/quarantine/<entity>/ingest/,
-- with ingest's reason) and records validate's checks rejected.
-- Placeholder: ingest_path (a glob of the ingest dead letters, or an empty file).
CREATE OR REPLACE TEMPORARY VIEW ingest_dead AS
SELECT regexp_extract(input_file_name(), '/quarantine/([a-z]+)/ingest/', 1) AS entity, d.reason_code, d.reason, d.field, d.raw, d.source
FROM (SELECT from_json(value, 'reason_code STRING, reason STRING, field STRING, raw STRING, source STRING') AS d
      FROM text.`{{ingest_path}}`);

CREATE OR REPLACE TABLE stg_ingest_rejected AS
SELECT entity,
       -- A cut-off line usually still starts with its id, so the record can be named (users: user_id#version).
       CASE entity
         WHEN 'users' THEN nullif(regexp_extract(raw, '"user_id":"([^"]+)"', 1), '') || '#' || coalesce(nullif(regexp_extract(raw, '"version":([0-9]+)', 1), ''), '?')
         WHEN 'products' THEN nullif(regexp_extract(raw, '"product_id":"([^"]+)"', 1), '')
         WHEN 'events' THEN nullif(regexp_extract(raw, '"event_id":"([^"]+)"', 1), '')
         ELSE nullif(regexp_extract(raw, '"order_id":"([^"]+)"', 1), '')
       END AS record_id,
       coalesce(reason_code, 'MALFORMED') AS reason_code, reason, field, raw, source
FROM ingest_dead;

CREATE OR REPLACE TABLE quarantine AS
SELECT entity, record_id, reason_code, reason, field, raw, source, stage
FROM (
  SELECT *, 'ingest' AS stage FROM stg_ingest_rejected
  UNION ALL SELECT *, 'validate' FROM stg_users_rejected
  UNION ALL SELECT *, 'validate' FROM stg_products_rejected
  UNION ALL SELECT *, 'validate' FROM stg_events_rejected
  UNION ALL SELECT *, 'validate' FROM stg_orders_rejected
)
ORDER BY entity, source, record_id NULLS LAST, reason_code, raw;
