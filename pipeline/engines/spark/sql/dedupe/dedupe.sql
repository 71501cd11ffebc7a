-- Dedupe (Spark), the rule of pipeline/stages/dedupe/dedupe.sql: one row per record id, keeping the FIRST copy BY
-- EVENT TIME (event_ts, order_ts, updated_at); on a tie the earliest ingested_at (events only), then the lake key it
-- landed in. Users are versioned: the id of a user record is (user_id, version).
-- Spark ranks every event (a shuffle by event_id); the DuckDB engine ranks only the ids that occur twice and keeps
-- stg_events as a view. The rows are the same.
CACHE TABLE events_ranked AS
SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY event_ts, ingested_at, source) AS copy_number
FROM stg_events_accepted;

CACHE TABLE orders_ranked AS
SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY order_ts, source) AS copy_number
FROM stg_orders_accepted;

CACHE TABLE users_ranked AS
SELECT *, row_number() OVER (PARTITION BY user_id, version ORDER BY updated_at, source) AS copy_number
FROM stg_users_accepted;

CACHE TABLE products_ranked AS
SELECT *, row_number() OVER (PARTITION BY product_id ORDER BY updated_at, source) AS copy_number
FROM stg_products_accepted;

CREATE OR REPLACE TABLE stg_events AS
SELECT event_id, event_type, event_ts, ingested_at, user_id, session_id, device, referrer, page_url, product_id, search_query,
       quantity, order_id, schema_version, extra, source, is_late
FROM events_ranked WHERE copy_number = 1;

CREATE OR REPLACE TABLE stg_orders AS
SELECT order_id, user_id, session_id, order_ts, status, payment_method, currency, subtotal, discount, shipping, total, coupon_code,
       shipping_country, lines, extra, source
FROM orders_ranked WHERE copy_number = 1;

CREATE OR REPLACE TABLE stg_users AS
SELECT user_id, version, email, first_name, last_name, birth_year, country, city, segment, loyalty_tier, preferred_categories,
       marketing_opt_in, signup_ts, updated_at, extra, source
FROM users_ranked WHERE copy_number = 1;

CREATE OR REPLACE TABLE stg_products AS
SELECT product_id, sku, name, category, subcategory, brand, price, cost, currency, stock_qty, supplier_id, supplier_name, is_active,
       created_at, updated_at, extra, source
FROM products_ranked WHERE copy_number = 1;

CREATE OR REPLACE TABLE dedupe_removed AS
SELECT entity, record_id, source, CAST(copy_number AS BIGINT) AS copy_number FROM (
  SELECT 'events' AS entity, event_id AS record_id, source, copy_number FROM events_ranked WHERE copy_number > 1
  UNION ALL SELECT 'orders', order_id, source, copy_number FROM orders_ranked WHERE copy_number > 1
  UNION ALL SELECT 'users', user_id || '#' || version, source, copy_number FROM users_ranked WHERE copy_number > 1
  UNION ALL SELECT 'products', product_id, source, copy_number FROM products_ranked WHERE copy_number > 1
)
ORDER BY entity, record_id, copy_number;

UNCACHE TABLE IF EXISTS events_ranked;
