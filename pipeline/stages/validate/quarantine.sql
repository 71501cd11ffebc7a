-- Collect every rejected record in one `quarantine` table: lines ingest could not parse (MALFORMED, from
-- lake/quarantine/<entity>/ingest/) and records the checks rejected. Placeholder: ingest_files.
CREATE OR REPLACE TABLE stg_ingest_rejected AS
WITH dead AS (
  SELECT regexp_extract(filename, '/quarantine/([a-z]+)/ingest/', 1) AS entity, reason_code, reason, raw, source
  FROM read_json({{ingest_files}}, format = 'newline_delimited', filename = true,
                 columns = {reason_code: 'VARCHAR', reason: 'VARCHAR', raw: 'VARCHAR', source: 'VARCHAR'})
)
-- A cut-off line usually still starts with its id, so the record can be named (users: user_id#version).
SELECT entity,
       CASE entity
         WHEN 'users' THEN nullif(regexp_extract(raw, '"user_id":"([^"]+)"', 1), '') || '#' || coalesce(nullif(regexp_extract(raw, '"version":(\d+)', 1), ''), '?')
         WHEN 'products' THEN nullif(regexp_extract(raw, '"product_id":"([^"]+)"', 1), '')
         WHEN 'events' THEN nullif(regexp_extract(raw, '"event_id":"([^"]+)"', 1), '')
         ELSE nullif(regexp_extract(raw, '"order_id":"([^"]+)"', 1), '')
       END AS record_id,
       -- Ingest could not read an event time. When the line is JSON and the field is there, say exactly what is
       -- wrong with it: a number where a timestamp string belongs is TYPE_MISMATCH, a null is NULL_REQUIRED.
       CASE WHEN reason_code = 'MISSING_FIELD' AND json_valid(raw) AND time_value IS NOT NULL
            THEN CASE WHEN json_type(time_value) = 'NULL' THEN 'NULL_REQUIRED' ELSE 'TYPE_MISMATCH' END
            ELSE coalesce(reason_code, 'MALFORMED') END AS reason_code,
       CASE WHEN reason_code = 'MISSING_FIELD' AND json_valid(raw) AND time_value IS NOT NULL
            THEN 'field "' || time_field || '": expected an ISO-8601 UTC timestamp like 2025-08-24T13:05:09.123Z, found '
                 || left(time_value::VARCHAR, 60) || ' (so ingest could not date-partition it)'
            ELSE reason END AS reason,
       CASE WHEN reason_code = 'MISSING_FIELD' THEN time_field END AS field,
       raw, source
FROM (
  SELECT *,
         CASE entity WHEN 'events' THEN 'event_ts' WHEN 'orders' THEN 'order_ts' ELSE 'updated_at' END AS time_field,
         CASE WHEN json_valid(raw) THEN coalesce(
           json_extract(raw, '$.' || CASE entity WHEN 'events' THEN 'event_ts' WHEN 'orders' THEN 'order_ts' ELSE 'updated_at' END),
           json_extract(raw, '$.' || CASE entity WHEN 'events' THEN 'timestamp' WHEN 'orders' THEN 'created_at' ELSE 'updated_at' END)) END AS time_value
  FROM dead
);

CREATE OR REPLACE TABLE quarantine AS
SELECT entity, record_id, reason_code, reason, field, raw, source
FROM (
  SELECT * FROM stg_ingest_rejected
  UNION ALL SELECT * FROM stg_users_rejected
  UNION ALL SELECT * FROM stg_products_rejected
  UNION ALL SELECT * FROM stg_events_rejected
  UNION ALL SELECT * FROM stg_orders_rejected
)
ORDER BY entity, source, record_id, reason_code, raw;
