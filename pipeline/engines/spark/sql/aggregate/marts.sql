-- Marts (Spark), the same tables and conventions as pipeline/stages/aggregate/marts.sql:
--   * revenue counts orders that are neither cancelled nor returned (money that stayed), as DECIMAL(14,2);
--   * a session is the source's session_id, dated by its first event.

-- mart_daily_revenue: every day of dim_date, zero when nothing sold.
CREATE OR REPLACE TABLE mart_daily_revenue AS
WITH kept_units AS (
  SELECT l.order_id, sum(l.quantity) AS units
  FROM fact_order_lines AS l GROUP BY l.order_id
),
per_day AS (
  SELECT CAST(o.order_ts AS DATE) AS date,
         count(*) FILTER (WHERE o.status <> 'cancelled') AS orders,
         sum(o.total) FILTER (WHERE o.status NOT IN ('cancelled', 'returned')) AS revenue,
         count(*) FILTER (WHERE o.status NOT IN ('cancelled', 'returned')) AS revenue_orders,
         sum(k.units) FILTER (WHERE o.status NOT IN ('cancelled', 'returned')) AS units,
         count(DISTINCT o.user_id) FILTER (WHERE o.status <> 'cancelled') AS customers
  FROM fact_orders AS o JOIN kept_units AS k ON k.order_id = o.order_id
  GROUP BY CAST(o.order_ts AS DATE)
)
SELECT d.date,
       CAST(coalesce(p.orders, 0) AS BIGINT) AS orders,
       CAST(coalesce(p.revenue, 0) AS DECIMAL(14, 2)) AS revenue,
       CAST(coalesce(p.units, 0) AS BIGINT) AS units,
       CAST(coalesce(p.customers, 0) AS BIGINT) AS customers,
       -- DuckDB divides a DECIMAL by an integer in DOUBLE, then rounds to cents: the same here, so a half cent rounds alike.
       CAST(CASE WHEN coalesce(p.revenue_orders, 0) = 0 THEN 0 ELSE CAST(p.revenue AS DOUBLE) / p.revenue_orders END AS DECIMAL(14, 2)) AS avg_order_value
FROM dim_date AS d LEFT JOIN per_day AS p ON p.date = d.date
ORDER BY d.date;

-- One row per session: its day and how far down the funnel it got (shared by the funnel and cart abandonment).
CACHE TABLE mart_sessions AS
SELECT session_id,
       CAST(min(event_ts) AS DATE) AS date,
       bool_or(event_type = 'product_view') AS viewed,
       bool_or(event_type = 'add_to_cart') AS carted,
       bool_or(event_type = 'purchase') AS bought
FROM fact_events
GROUP BY session_id;

-- mart_funnel: sessions reaching each step per day, and the share of the previous step's sessions.
CREATE OR REPLACE TABLE mart_funnel AS
WITH steps AS (
  SELECT date, 'product_view' AS step, 1 AS step_order, count(*) FILTER (WHERE viewed) AS sessions FROM mart_sessions GROUP BY date
  UNION ALL
  SELECT date, 'add_to_cart', 2, count(*) FILTER (WHERE carted) FROM mart_sessions GROUP BY date
  UNION ALL
  SELECT date, 'purchase', 3, count(*) FILTER (WHERE bought) FROM mart_sessions GROUP BY date
)
SELECT date,
       step,
       CAST(step_order AS INT) AS step_order,
       CAST(sessions AS BIGINT) AS sessions,
       CAST(CASE WHEN step_order = 1 THEN 1.0
            ELSE coalesce(sessions / nullif(lag(sessions) OVER (PARTITION BY date ORDER BY step_order), 0), 0) END AS DOUBLE) AS conversion_from_previous
FROM steps
ORDER BY date, step_order;

-- mart_cart_abandonment: sessions that added to cart, and those of them that did not buy.
CREATE OR REPLACE TABLE mart_cart_abandonment AS
SELECT date,
       CAST(count(*) FILTER (WHERE carted) AS BIGINT) AS carts,
       CAST(count(*) FILTER (WHERE carted AND NOT bought) AS BIGINT) AS abandoned,
       CAST(coalesce(count(*) FILTER (WHERE carted AND NOT bought) / nullif(count(*) FILTER (WHERE carted), 0), 0) AS DOUBLE) AS abandonment_rate
FROM mart_sessions
GROUP BY date
ORDER BY date;

-- mart_top_products: every product that sold (orders neither cancelled nor returned), ranked by revenue.
CREATE OR REPLACE TABLE mart_top_products AS
WITH sold AS (
  SELECT l.product_id, CAST(sum(l.quantity) AS BIGINT) AS units, CAST(sum(l.line_total) AS DECIMAL(14, 2)) AS revenue
  FROM fact_order_lines AS l JOIN fact_orders AS o ON o.order_id = l.order_id
  WHERE o.status NOT IN ('cancelled', 'returned')
  GROUP BY l.product_id
)
SELECT s.product_id, p.name, p.category, s.units, s.revenue,
       CAST(row_number() OVER (ORDER BY s.revenue DESC, s.product_id) AS INT) AS rank
FROM sold AS s LEFT JOIN dim_product AS p ON p.product_id = s.product_id
ORDER BY rank;

-- mart_cohort_retention: users grouped by the ISO week (Monday) of their first event; for each later week, the
-- share of the cohort active (any event) in it.
CREATE OR REPLACE TABLE mart_cohort_retention AS
WITH first_seen AS (
  SELECT user_id, CAST(date_trunc('WEEK', min(event_ts)) AS DATE) AS cohort_week FROM fact_events GROUP BY user_id
),
activity AS (
  SELECT DISTINCT user_id, CAST(date_trunc('WEEK', event_ts) AS DATE) AS active_week FROM fact_events
),
sizes AS (
  SELECT cohort_week, count(*) AS cohort_size FROM first_seen GROUP BY cohort_week
)
SELECT f.cohort_week,
       CAST(datediff(a.active_week, f.cohort_week) div 7 AS INT) AS week_offset,
       CAST(s.cohort_size AS BIGINT) AS cohort_size,
       CAST(count(*) AS BIGINT) AS active_users,
       CAST(count(*) / s.cohort_size AS DOUBLE) AS retention
FROM first_seen AS f
JOIN activity AS a ON a.user_id = f.user_id
JOIN sizes AS s ON s.cohort_week = f.cohort_week
GROUP BY f.cohort_week, datediff(a.active_week, f.cohort_week) div 7, s.cohort_size
ORDER BY f.cohort_week, week_offset;

UNCACHE TABLE IF EXISTS mart_sessions;
