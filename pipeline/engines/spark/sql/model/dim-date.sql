-- dim_date (Spark), as pipeline/stages/model/dim-date.sql: one row per day of the run's window ({{start_date}} +
-- {{days}} days), widened to cover any accepted event or order outside it.
CREATE OR REPLACE TABLE dim_date AS
WITH bounds AS (
  SELECT least(DATE '{{start_date}}', (SELECT CAST(min(event_ts) AS DATE) FROM stg_events), (SELECT CAST(min(order_ts) AS DATE) FROM stg_orders)) AS first_day,
         greatest(date_add(DATE '{{start_date}}', {{days}} - 1),
                  (SELECT CAST(max(event_ts) AS DATE) FROM stg_events), (SELECT CAST(max(order_ts) AS DATE) FROM stg_orders)) AS last_day
),
days AS (SELECT explode(sequence(first_day, last_day, INTERVAL 1 DAY)) AS day FROM bounds)
SELECT CAST(year(day) * 10000 + month(day) * 100 + dayofmonth(day) AS INT) AS date_key,
       day AS date,
       year(day) AS year,
       quarter(day) AS quarter,
       month(day) AS month,
       dayofmonth(day) AS day_of_month,
       extract(DAYOFWEEK_ISO FROM day) AS day_of_week,
       date_format(day, 'EEEE') AS day_name,
       extract(DAYOFWEEK_ISO FROM day) >= 6 AS is_weekend,
       weekofyear(day) AS iso_week
FROM days
ORDER BY date_key;
