-- fact_orders: one row per accepted order. user_sk is the dim_user version valid when the order was placed
-- (an ASOF join: the latest version whose valid_from is at or before order_ts).
CREATE OR REPLACE TABLE fact_orders AS
SELECT o.order_id,
       o.user_id,
       u.user_sk,
       o.session_id,
       o.order_ts,
       (year(o.order_ts) * 10000 + month(o.order_ts) * 100 + dayofmonth(o.order_ts))::INTEGER AS date_key,
       o.status,
       o.payment_method,
       o.subtotal,
       o.discount,
       o.shipping,
       o.total,
       o.coupon_code,
       o.shipping_country,
       len(o.lines)::INTEGER AS line_count,
       o.extra
FROM stg_orders AS o
-- Versions with an empty interval (two versions in the same millisecond) were never valid: skip them.
ASOF LEFT JOIN (SELECT * FROM dim_user WHERE valid_from < valid_to) AS u ON o.user_id = u.user_id AND o.order_ts >= u.valid_from
ORDER BY o.order_ts, o.order_id;

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
       (year(l.order_ts) * 10000 + month(l.order_ts) * 100 + dayofmonth(l.order_ts))::INTEGER AS date_key
FROM (SELECT order_id, order_ts, unnest(lines) AS line FROM stg_orders) AS l
LEFT JOIN dim_product AS p ON p.product_id = l.line.product_id
ORDER BY l.order_ts, l.order_id, line_no;
