-- Collect every rejected record in one `quarantine` table, each once, under the reason of the stage that rejected
-- it (`stage`): lines ingest could not date-partition (lake/quarantine/<entity>/ingest/, reason given by ingest;
-- they never reach the raw zone, so validate never sees them again) and records validate's checks rejected.
-- Placeholder: ingest_files.
CREATE OR REPLACE TABLE stg_ingest_rejected AS
WITH dead AS (
  SELECT regexp_extract(filename, '/quarantine/([a-z]+)/ingest/', 1) AS entity, reason_code, reason, field, raw, source
  FROM read_json({{ingest_files}}, format = 'newline_delimited', filename = true,
                 columns = {reason_code: 'VARCHAR', reason: 'VARCHAR', field: 'VARCHAR', raw: 'VARCHAR', source: 'VARCHAR'})
)
-- A cut-off line usually still starts with its id, so the record can be named (users: user_id#version).
SELECT entity,
       CASE entity
         WHEN 'users' THEN nullif(regexp_extract(raw, '"user_id":"([^"]+)"', 1), '') || '#' || coalesce(nullif(regexp_extract(raw, '"version":(\d+)', 1), ''), '?')
         WHEN 'products' THEN nullif(regexp_extract(raw, '"product_id":"([^"]+)"', 1), '')
         WHEN 'events' THEN nullif(regexp_extract(raw, '"event_id":"([^"]+)"', 1), '')
         ELSE nullif(regexp_extract(raw, '"order_id":"([^"]+)"', 1), '')
       END AS record_id,
       coalesce(reason_code, 'MALFORMED') AS reason_code, reason, field, raw, source
FROM dead;

CREATE OR REPLACE TABLE quarantine AS
SELECT entity, record_id, reason_code, reason, field, raw, source, stage
FROM (
  SELECT *, 'ingest' AS stage FROM stg_ingest_rejected
  UNION ALL SELECT *, 'validate' FROM stg_users_rejected
  UNION ALL SELECT *, 'validate' FROM stg_products_rejected
  UNION ALL SELECT *, 'validate' FROM stg_events_rejected
  UNION ALL SELECT *, 'validate' FROM stg_orders_rejected
)
ORDER BY entity, source, record_id, reason_code, raw;
