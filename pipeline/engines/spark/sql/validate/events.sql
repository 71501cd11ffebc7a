-- Validate events (Spark), the rules of pipeline/stages/validate/events.sql: one pass, one CASE whose first matching
-- WHEN gives the reason. Placeholders: raw_path, lake_root, window_end and late_threshold_ms.
-- One statement, written once as events_validated (see users.sql for why).
CREATE OR REPLACE TABLE events_validated AS
WITH parsed AS (
  SELECT replace(replace(input_file_name(), 'file://', ''), '{{lake_root}}/', '') AS source, value AS raw, parse_json(value) AS j
  FROM text.`{{raw_path}}`
),
mapped AS (
  -- Schema drift: an old producer writes `timestamp`, `customer_id` and `type` (drift-renames.ts).
  SELECT source, raw, j,
         field(variant_get(j, '$.event_id')) AS event_id,
         coalesce(field(variant_get(j, '$.event_type')), field(variant_get(j, '$.type'))) AS event_type,
         coalesce(field(variant_get(j, '$.event_ts')), field(variant_get(j, '$.timestamp'))) AS event_ts,
         field(variant_get(j, '$.ingested_at')) AS ingested_at,
         coalesce(field(variant_get(j, '$.user_id')), field(variant_get(j, '$.customer_id'))) AS user_id,
         field(variant_get(j, '$.session_id')) AS session_id, field(variant_get(j, '$.device')) AS device,
         field(variant_get(j, '$.referrer')) AS referrer, field(variant_get(j, '$.page_url')) AS page_url,
         field(variant_get(j, '$.product_id')) AS product_id, field(variant_get(j, '$.search_query')) AS search_query,
         field(variant_get(j, '$.quantity')) AS quantity, field(variant_get(j, '$.order_id')) AS order_id,
         field(variant_get(j, '$.schema_version')) AS schema_version
  FROM parsed
),
typed AS (
  SELECT *,
         text(event_id) AS event_id_text, text(event_type) AS event_type_text, text(user_id) AS user_id_text,
         text(session_id) AS session_id_text, text(device) AS device_text, text(referrer) AS referrer_text,
         text(page_url) AS page_url_text, text(product_id) AS product_id_text, text(search_query) AS search_query_text,
         text(order_id) AS order_id_text,
         CASE WHEN is_string(event_ts) THEN try_cast(text(event_ts) AS TIMESTAMP) END AS event_ts_value,
         CASE WHEN is_string(ingested_at) THEN try_cast(text(ingested_at) AS TIMESTAMP) END AS ingested_at_value
  FROM mapped
),
-- Referential checks need the accepted users and products: a join here (Spark allows no IN-subquery inside a CASE).
joined AS (
  SELECT t.*, u.known_user_id, p.known_product_id
  FROM typed AS t
  LEFT JOIN (SELECT DISTINCT user_id AS known_user_id FROM stg_users_accepted) AS u ON u.known_user_id = t.user_id_text
  LEFT JOIN (SELECT DISTINCT product_id AS known_product_id FROM stg_products_accepted) AS p ON p.known_product_id = t.product_id_text
),
checked AS (
  SELECT *,
    CASE
      -- completeness: a required field absent (MISSING_FIELD) or null (NULL_REQUIRED)
      WHEN event_id IS NULL THEN required(variant_get(j, '$.event_id') IS NOT NULL, event_id, 'event_id')
      WHEN event_type IS NULL THEN required(variant_get(j, '$.event_type') IS NOT NULL OR variant_get(j, '$.type') IS NOT NULL, event_type, 'event_type')
      WHEN event_ts IS NULL THEN required(variant_get(j, '$.event_ts') IS NOT NULL OR variant_get(j, '$.timestamp') IS NOT NULL, event_ts, 'event_ts')
      WHEN ingested_at IS NULL THEN required(variant_get(j, '$.ingested_at') IS NOT NULL, ingested_at, 'ingested_at')
      WHEN user_id IS NULL THEN required(variant_get(j, '$.user_id') IS NOT NULL OR variant_get(j, '$.customer_id') IS NOT NULL, user_id, 'user_id')
      WHEN session_id IS NULL THEN required(variant_get(j, '$.session_id') IS NOT NULL, session_id, 'session_id')
      WHEN device IS NULL THEN required(variant_get(j, '$.device') IS NOT NULL, device, 'device')
      WHEN referrer IS NULL THEN required(variant_get(j, '$.referrer') IS NOT NULL, referrer, 'referrer')
      WHEN page_url IS NULL THEN required(variant_get(j, '$.page_url') IS NOT NULL, page_url, 'page_url')
      -- types
      WHEN want_string(event_id, 'event_id') IS NOT NULL THEN want_string(event_id, 'event_id')
      WHEN want_string(event_type, 'event_type') IS NOT NULL THEN want_string(event_type, 'event_type')
      WHEN want_timestamp(event_ts, 'event_ts') IS NOT NULL THEN want_timestamp(event_ts, 'event_ts')
      WHEN want_timestamp(ingested_at, 'ingested_at') IS NOT NULL THEN want_timestamp(ingested_at, 'ingested_at')
      WHEN want_string(user_id, 'user_id') IS NOT NULL THEN want_string(user_id, 'user_id')
      WHEN want_string(session_id, 'session_id') IS NOT NULL THEN want_string(session_id, 'session_id')
      WHEN want_string(device, 'device') IS NOT NULL THEN want_string(device, 'device')
      WHEN want_string(referrer, 'referrer') IS NOT NULL THEN want_string(referrer, 'referrer')
      WHEN want_string(page_url, 'page_url') IS NOT NULL THEN want_string(page_url, 'page_url')
      WHEN want_string(product_id, 'product_id') IS NOT NULL THEN want_string(product_id, 'product_id')
      WHEN want_string(search_query, 'search_query') IS NOT NULL THEN want_string(search_query, 'search_query')
      WHEN want_integer(quantity, 'quantity') IS NOT NULL THEN want_integer(quantity, 'quantity')
      WHEN want_string(order_id, 'order_id') IS NOT NULL THEN want_string(order_id, 'order_id')
      WHEN want_integer(schema_version, 'schema_version') IS NOT NULL THEN want_integer(schema_version, 'schema_version')
      -- allowed values and ranges
      WHEN event_type_text NOT IN ('page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add')
        THEN one_of(event_type, 'event_type', array('page_view', 'product_view', 'add_to_cart', 'purchase', 'search', 'wishlist_add'))
      WHEN device_text NOT IN ('desktop', 'mobile', 'tablet') THEN one_of(device, 'device', array('desktop', 'mobile', 'tablet'))
      WHEN referrer_text NOT IN ('direct', 'search', 'social', 'email', 'ads')
        THEN one_of(referrer, 'referrer', array('direct', 'search', 'social', 'email', 'ads'))
      WHEN try_cast(text(quantity) AS BIGINT) <= 0
        THEN problem('OUT_OF_RANGE', 'quantity', 'field "quantity": expected more than 0, found ' || shown(quantity))
      -- freshness: an event time after the data window cannot be true (a producer clock is wrong)
      WHEN event_ts_value >= {{window_end}} THEN not_future(event_ts, 'event_ts', {{window_end}})
      -- referential: the user and the product must exist among accepted users and products
      WHEN known_user_id IS NULL
        THEN problem('ORPHAN_KEY', 'user_id', 'field "user_id": no accepted user has id ' || user_id_text)
      WHEN product_id IS NOT NULL AND known_product_id IS NULL
        THEN problem('ORPHAN_KEY', 'product_id', 'field "product_id": no accepted product has id ' || product_id_text)
    END AS problem
  FROM joined
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
       try_cast(text(quantity) AS INT) AS quantity,
       order_id_text AS order_id,
       coalesce(try_cast(text(schema_version) AS INT), 1) AS schema_version,
       extra_fields(j, json_object_keys(raw), array('event_id', 'event_type', 'event_ts', 'ingested_at', 'user_id', 'session_id', 'device',
         'referrer', 'page_url', 'product_id', 'search_query', 'quantity', 'order_id', 'schema_version', 'timestamp', 'customer_id', 'type')) AS extra,
       source,
       problem,
       CASE WHEN problem IS NOT NULL THEN raw END AS raw
FROM checked;

-- Accepted records, typed. is_late: arrived more than the lateness threshold after its event time.
CREATE OR REPLACE TABLE stg_events_accepted AS
SELECT event_id, event_type, event_ts, ingested_at, user_id, session_id, device, referrer, page_url, product_id, search_query,
       quantity, order_id, schema_version, extra, source,
       epoch_ms(ingested_at) - epoch_ms(event_ts) > {{late_threshold_ms}} AS is_late
FROM events_validated
WHERE problem IS NULL;

CREATE OR REPLACE TABLE stg_events_rejected AS
SELECT 'events' AS entity, event_id AS record_id, problem.code AS reason_code, problem.reason AS reason,
       problem.field AS field, raw, source
FROM events_validated
WHERE problem IS NOT NULL;
