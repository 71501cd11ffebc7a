-- dim_date: one row per calendar day of the run's window ({{start_date}} + {{days}} days), widened to cover any
-- accepted event or order that falls outside it, so every fact's date_key has a row here.
CREATE OR REPLACE TABLE dim_date AS
WITH bounds AS (
  SELECT least(DATE '{{start_date}}', (SELECT min(event_ts)::DATE FROM stg_events), (SELECT min(order_ts)::DATE FROM stg_orders)) AS first_day,
         greatest(DATE '{{start_date}}' + INTERVAL {{days}} DAY - INTERVAL 1 DAY,
                  (SELECT max(event_ts)::DATE FROM stg_events), (SELECT max(order_ts)::DATE FROM stg_orders))::DATE AS last_day
)
SELECT (year(day) * 10000 + month(day) * 100 + dayofmonth(day))::INTEGER AS date_key,
       day::DATE AS date,
       year(day)::INTEGER AS year,
       quarter(day)::INTEGER AS quarter,
       month(day)::INTEGER AS month,
       dayofmonth(day)::INTEGER AS day_of_month,
       isodow(day)::INTEGER AS day_of_week,
       dayname(day) AS day_name,
       isodow(day) >= 6 AS is_weekend,
       weekofyear(day)::INTEGER AS iso_week
FROM bounds, range(first_day, last_day + INTERVAL 1 DAY, INTERVAL 1 DAY) AS days(day)
ORDER BY date_key;
