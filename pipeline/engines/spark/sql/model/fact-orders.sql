-- fact_orders and fact_order_lines (Spark), as pipeline/stages/model/fact-orders.sql. user_sk is the dim_user
-- version valid when the order was placed. Spark has no ASOF join: the versions that began at or before the order
-- are joined and the latest is kept, which is what DuckDB's ASOF LEFT JOIN returns.
CREATE OR REPLACE TABLE fact_orders AS
WITH candidates AS (
  SELECT o.*, u.user_sk,
         row_number() OVER (PARTITION BY o.order_id ORDER BY u.valid_from DESC) AS pick
  FROM stg_orders AS o
  -- Versions with an empty interval (two versions in the same millisecond) were never valid: skip them.
  LEFT JOIN (SELECT user_sk, user_id, valid_from FROM dim_user WHERE valid_from < valid_to) AS u
    ON o.user_id = u.user_id AND o.order_ts >= u.valid_from
)
SELECT order_id,
       user_id,
       user_sk,
       session_id,
       order_ts,
       CAST(year(order_ts) * 10000 + month(order_ts) * 100 + dayofmonth(order_ts) AS INT) AS date_key,
       status,
       payment_method,
       subtotal,
       discount,
       shipping,
       total,
       coupon_code,
       shipping_country,
       CAST(size(lines) AS INT) AS line_count,
       extra
FROM candidates
WHERE pick = 1
ORDER BY order_ts, order_id;

-- fact_order_lines: one row per line of an accepted order; money stays DECIMAL(12,2).
CREATE OR REPLACE TABLE fact_order_lines AS
SELECT l.order_id,
       l.line.line_no AS line_no,
       l.line.product_id AS product_id,
       p.product_sk,
       l.line.quantity AS quantity,
       l.line.unit_price AS unit_price,
       l.line.line_total AS line_total,
       l.order_ts,
       CAST(year(l.order_ts) * 10000 + month(l.order_ts) * 100 + dayofmonth(l.order_ts) AS INT) AS date_key
FROM (SELECT order_id, order_ts, explode(lines) AS line FROM stg_orders) AS l
LEFT JOIN dim_product AS p ON p.product_id = l.line.product_id
ORDER BY l.order_ts, l.order_id, line_no;
