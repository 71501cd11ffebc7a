-- Validate events: the largest entity, so one pass over the raw zone with one CASE of checks.
-- Placeholders filled by validate/stage.ts: raw_files (the raw-zone files), lake_root, window_end (end of the
-- data window) and late_threshold_ms.
CREATE OR REPLACE TEMP TABLE events_checked AS
WITH parsed AS (
  -- Every raw line as a JSON object (ingest already dead-lettered lines that are not JSON). json_transform to
  -- "JSON" keeps each value as the producer sent it, so a number sent for a timestamp is still visible.
  SELECT replace(filename, '{{lake_root}}/', '') AS source,
         json AS raw,
         json_transform(json, '{"event_id":"JSON","event_type":"JSON","event_ts":"JSON","ingested_at":"JSON","user_id":"JSON",
           "session_id":"JSON","device":"JSON","referrer":"JSON","page_url":"JSON","product_id":"JSON","search_query":"JSON",
           "quantity":"JSON","order_id":"JSON","schema_version":"JSON","timestamp":"JSON","customer_id":"JSON","type":"JSON"}') AS f
  FROM read_ndjson_objects({{raw_files}}, filename = true)
),
mapped AS (
  -- Schema drift: an old producer writes `timestamp`, `customer_id` and `type` (drift-renames.ts); they are
  -- mapped to their current names, and the record is accepted when nothing else is wrong.
  SELECT source, raw,
         f.event_id, coalesce(f.event_type, f."type") AS event_type, coalesce(f.event_ts, f."timestamp") AS event_ts, f.ingested_at,
         coalesce(f.user_id, f.customer_id) AS user_id, f.session_id, f.device, f.referrer, f.page_url,
         f.product_id, f.search_query, f.quantity, f.order_id, f.schema_version
  FROM parsed
),
typed AS (
  -- Each value's text and each timestamp's value, computed once: the checks below and the accepted row both use them.
  SELECT *,
         unquote(event_id) AS event_id_text, unquote(event_type) AS event_type_text, unquote(user_id) AS user_id_text,
         unquote(session_id) AS session_id_text, unquote(device) AS device_text, unquote(referrer) AS referrer_text,
         unquote(page_url) AS page_url_text, unquote(product_id) AS product_id_text, unquote(search_query) AS search_query_text,
         unquote(order_id) AS order_id_text,
         try_cast((event_ts::VARCHAR)[2:-2] AS TIMESTAMP) AS event_ts_value, try_cast((ingested_at::VARCHAR)[2:-2] AS TIMESTAMP) AS ingested_at_value
  FROM mapped
),
checked AS (
  SELECT *,
    CASE
      -- completeness: a required field absent (MISSING_FIELD) or null (NULL_REQUIRED)
      WHEN event_id IS NULL THEN absent(json_exists(raw, '$.event_id'), 'event_id')
      WHEN event_type IS NULL THEN absent(json_exists(raw, '$.event_type') OR json_exists(raw, '$.type'), 'event_type')
      WHEN event_ts IS NULL THEN absent(json_exists(raw, '$.event_ts') OR json_exists(raw, '$.timestamp'), 'event_ts')
      WHEN ingested_at IS NULL THEN absent(json_exists(raw, '$.ingested_at'), 'ingested_at')
      WHEN user_id IS NULL THEN absent(json_exists(raw, '$.user_id') OR json_exists(raw, '$.customer_id'), 'user_id')
      WHEN session_id IS NULL THEN absent(json_exists(raw, '$.session_id'), 'session_id')
      WHEN device IS NULL THEN absent(json_exists(raw, '$.device'), 'device')
      WHEN referrer IS NULL THEN absent(json_exists(raw, '$.referrer'), 'referrer')
      WHEN page_url IS NULL THEN absent(json_exists(raw, '$.page_url'), 'page_url')
      -- types
      WHEN is_not_string(event_id) THEN not_a_string(event_id, 'event_id')
      WHEN is_not_string(event_type) THEN not_a_string(event_type, 'event_type')
      WHEN is_not_timestamp(event_ts, event_ts_value) THEN not_a_timestamp(event_ts, 'event_ts')
      WHEN is_not_timestamp(ingested_at, ingested_at_value) THEN not_a_timestamp(ingested_at, 'ingested_at')
      WHEN is_not_string(user_id) THEN not_a_string(user_id, 'user_id')
      WHEN is_not_string(session_id) THEN not_a_string(session_id, 'session_id')
      WHEN is_not_string(device) THEN not_a_string(device, 'device')
      WHEN is_not_string(referrer) THEN not_a_string(referrer, 'referrer')
      WHEN is_not_string(page_url) THEN not_a_string(page_url, 'page_url')
      WHEN is_not_string(product_id) THEN not_a_string(product_id, 'product_id')
      WHEN is_not_string(search_query) THEN not_a_string(search_query, 'search_query')
      WHEN is_not_integer(quantity) THEN not_an_integer(quantity, 'quantity')
      WHEN is_not_string(order_id) THEN not_a_string(order_id, 'order_id')
      WHEN is_not_integer(schema_version) THEN not_an_integer(schema_version, 'schema_version')
      -- allowed values and ranges
      WHEN event_type_text NOT IN ('page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add')
        THEN not_one_of(event_type, 'event_type', ['page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add'])
      WHEN device_text NOT IN ('desktop', 'mobile', 'tablet') THEN not_one_of(device, 'device', ['desktop', 'mobile', 'tablet'])
      WHEN referrer_text NOT IN ('direct', 'search', 'social', 'email', 'ads')
        THEN not_one_of(referrer, 'referrer', ['direct', 'search', 'social', 'email', 'ads'])
      WHEN try_cast(quantity::VARCHAR AS BIGINT) <= 0
        THEN problem('OUT_OF_RANGE', 'quantity', 'field "quantity": expected more than 0, found ' || shown(quantity))
      -- freshness: an event time after the data window cannot be true (a producer clock is wrong)
      WHEN event_ts_value >= {{window_end}}
        THEN problem('FUTURE_TIMESTAMP', 'event_ts', 'field "event_ts" is ' || text(event_ts) || ', after the end of the data window ' || strftime({{window_end}}, '%Y-%m-%dT%H:%M:%SZ'))
      -- referential: the user and the product must exist among accepted users and products
      WHEN user_id_text NOT IN (SELECT user_id FROM stg_users_accepted)
        THEN problem('ORPHAN_KEY', 'user_id', 'field "user_id": no accepted user has id ' || text(user_id))
      WHEN product_id IS NOT NULL AND product_id_text NOT IN (SELECT product_id FROM stg_products_accepted)
        THEN problem('ORPHAN_KEY', 'product_id', 'field "product_id": no accepted product has id ' || text(product_id))
    END AS problem
  FROM typed
)
SELECT event_id_text AS event_id,
       event_type_text AS event_type,
       event_ts_value AS event_ts,
       ingested_at_value AS ingested_at,
       user_id_text AS user_id,
       session_id_text AS session_id,
       device_text AS device,
       referrer_text AS referrer,
       page_url_text AS page_url,
       product_id_text AS product_id,
       search_query_text AS search_query,
       try_cast(quantity::VARCHAR AS INTEGER) AS quantity,
       order_id_text AS order_id,
       coalesce(try_cast(schema_version::VARCHAR AS INTEGER), 1) AS schema_version,
       -- Unknown fields (a newer producer's schema drift) are kept as a JSON object in `extra`. Producers write the
       -- schema's fields in its order, so a record whose keys are exactly that list has none (a cheap comparison), and
       -- any other record gets the exact check.
       CASE WHEN json_keys(raw) <> ['event_id', 'event_type', 'event_ts', 'ingested_at', 'user_id', 'session_id', 'device', 'referrer',
              'page_url', 'product_id', 'search_query', 'quantity', 'order_id', 'schema_version']
            THEN extra_fields(raw, json_keys(raw), ['event_id', 'event_type', 'event_ts', 'ingested_at', 'user_id', 'session_id', 'device',
              'referrer', 'page_url', 'product_id', 'search_query', 'quantity', 'order_id', 'schema_version', 'timestamp', 'customer_id', 'type'])
       END::JSON AS extra,
       source,
       problem,
       CASE WHEN problem IS NOT NULL THEN raw::VARCHAR END AS raw
FROM checked;

-- Accepted records, typed. is_late: arrived more than the lateness threshold after its event time (accepted and
-- flagged: the event is true, only late).
CREATE OR REPLACE TABLE stg_events_accepted AS
SELECT * EXCLUDE (problem, raw),
       epoch_ms(ingested_at) - epoch_ms(event_ts) > {{late_threshold_ms}} AS is_late
FROM events_checked
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_events_rejected AS
SELECT 'events' AS entity, event_id AS record_id, problem.code AS reason_code, problem.reason AS reason,
       problem.field AS field, raw, source
FROM events_checked
WHERE problem IS NOT NULL;
