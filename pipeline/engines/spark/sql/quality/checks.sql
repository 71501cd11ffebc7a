-- Quality checks on the finished warehouse (Spark): the checks of pipeline/stages/quality/checks.sql in Spark SQL. Each block is one check: a header line
--   -- check: name | table | column | kind
-- then a query returning the rows that FAIL it (none = passed). The quality stage counts them and keeps a sample.

-- check: fact_events_event_id_unique | fact_events | event_id | uniqueness
SELECT event_id, count(*) AS copies FROM fact_events GROUP BY event_id HAVING count(*) > 1;

-- check: fact_orders_order_id_unique | fact_orders | order_id | uniqueness
SELECT order_id, count(*) AS copies FROM fact_orders GROUP BY order_id HAVING count(*) > 1;

-- check: dim_product_product_id_unique | dim_product | product_id | uniqueness
SELECT product_id, count(*) AS copies FROM dim_product GROUP BY product_id HAVING count(*) > 1;

-- check: fact_order_lines_key_unique | fact_order_lines | order_id, line_no | uniqueness
SELECT order_id, line_no, count(*) AS copies FROM fact_order_lines GROUP BY order_id, line_no HAVING count(*) > 1;

-- check: fact_events_required_not_null | fact_events | event_id, event_type, user_id, session_id, event_ts, date_key | completeness
SELECT event_id, event_type, user_id, session_id, event_ts, date_key FROM fact_events
WHERE event_id IS NULL OR event_type IS NULL OR user_id IS NULL OR session_id IS NULL OR event_ts IS NULL OR date_key IS NULL;

-- check: fact_orders_required_not_null | fact_orders | order_id, user_id, order_ts, total | completeness
SELECT order_id, user_id, order_ts, total FROM fact_orders WHERE order_id IS NULL OR user_id IS NULL OR order_ts IS NULL OR total IS NULL;

-- check: fact_events_user_exists | fact_events | user_id | referential
SELECT e.event_id, e.user_id FROM fact_events AS e LEFT ANTI JOIN dim_user AS u ON u.user_id = e.user_id;

-- check: fact_events_product_exists | fact_events | product_id | referential
SELECT e.event_id, e.product_id FROM fact_events AS e LEFT ANTI JOIN dim_product AS p ON p.product_id = e.product_id WHERE e.product_id IS NOT NULL;

-- check: fact_events_date_exists | fact_events | date_key | referential
SELECT e.event_id, e.date_key FROM fact_events AS e LEFT ANTI JOIN dim_date AS d ON d.date_key = e.date_key;

-- check: fact_orders_user_version_found | fact_orders | user_sk | referential
SELECT order_id, user_id, order_ts FROM fact_orders WHERE user_sk IS NULL;

-- check: fact_order_lines_product_exists | fact_order_lines | product_sk | referential
SELECT order_id, line_no, product_id FROM fact_order_lines WHERE product_sk IS NULL;

-- check: fact_order_lines_order_exists | fact_order_lines | order_id | referential
SELECT l.order_id, l.line_no FROM fact_order_lines AS l LEFT ANTI JOIN fact_orders AS o ON o.order_id = l.order_id;

-- check: fact_orders_total_adds_up | fact_orders | total | consistency
SELECT order_id, subtotal, discount, shipping, total FROM fact_orders WHERE total <> subtotal - discount + shipping;

-- check: fact_orders_subtotal_is_sum_of_lines | fact_orders | subtotal | consistency
SELECT o.order_id, o.subtotal, sum(l.line_total) AS lines_total
FROM fact_orders AS o JOIN fact_order_lines AS l ON l.order_id = o.order_id
GROUP BY o.order_id, o.subtotal HAVING o.subtotal <> sum(l.line_total);

-- check: fact_order_lines_positive | fact_order_lines | quantity, unit_price | range
SELECT order_id, line_no, quantity, unit_price FROM fact_order_lines WHERE quantity <= 0 OR unit_price <= 0;

-- check: dim_user_one_current_version | dim_user | is_current | scd2
SELECT user_id, count(*) FILTER (WHERE is_current) AS current_versions FROM dim_user GROUP BY user_id
HAVING count(*) FILTER (WHERE is_current) <> 1;

-- check: dim_user_intervals_contiguous | dim_user | valid_from, valid_to | scd2
-- Each version ends where the next begins (no gap, no overlap). Two versions written in the same millisecond
-- leave the first with an empty interval (valid_from = valid_to): it was never the true state, and no
-- point-in-time join can pick it, which is right.
SELECT user_id, version, valid_from, valid_to, next_from FROM (
  SELECT *, lead(valid_from) OVER (PARTITION BY user_id ORDER BY version) AS next_from FROM dim_user
) WHERE valid_from > valid_to OR (next_from IS NOT NULL AND valid_to <> next_from);

-- check: events_not_after_window | fact_events | event_ts | freshness
SELECT event_id, event_ts FROM fact_events WHERE event_ts >= {{window_end}};

-- check: latest_event_within_a_day_of_window_end | fact_events | event_ts | freshness
SELECT max(event_ts) AS latest_event FROM fact_events HAVING max(event_ts) < {{window_end}} - INTERVAL 1 DAY;

-- check: mart_daily_revenue_matches_orders | mart_daily_revenue | revenue | reconciliation
SELECT * FROM (
  SELECT (SELECT sum(revenue) FROM mart_daily_revenue) AS mart_revenue,
         (SELECT coalesce(sum(total), 0) FROM fact_orders WHERE status NOT IN ('cancelled', 'returned')) AS order_revenue
) WHERE mart_revenue <> order_revenue;

-- check: mart_top_products_matches_lines | mart_top_products | revenue | reconciliation
SELECT * FROM (
  SELECT (SELECT sum(revenue) FROM mart_top_products) AS mart_revenue,
         (SELECT coalesce(sum(l.line_total), 0) FROM fact_order_lines AS l JOIN fact_orders AS o ON o.order_id = l.order_id
           WHERE o.status NOT IN ('cancelled', 'returned')) AS line_revenue
) WHERE mart_revenue <> line_revenue;
