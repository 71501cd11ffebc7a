-- fact_events (Spark), as pipeline/stages/model/fact-events.sql: one row per accepted, de-duplicated event, with
-- 30-minute-gap sessionization (derived_session_id = user_id || '-' || the user's session number).
CREATE OR REPLACE TEMPORARY FUNCTION epoch_ms(t TIMESTAMP_NTZ) RETURNS BIGINT RETURN unix_millis(CAST(t AS TIMESTAMP_LTZ));

CACHE TABLE event_sessions AS
WITH gaps AS (
  SELECT event_id, user_id, event_ts,
         epoch_ms(event_ts) - lag(epoch_ms(event_ts)) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS gap_ms
  FROM stg_events
)
SELECT event_id,
       sum(CASE WHEN gap_ms IS NULL OR gap_ms > 30 * 60 * 1000 THEN 1 ELSE 0 END)
         OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS user_session_number
FROM gaps;

CREATE OR REPLACE TABLE fact_events AS
SELECT e.event_id,
       e.event_type,
       e.user_id,
       e.session_id,
       e.product_id,
       e.order_id,
       e.search_query,
       e.quantity,
       e.device,
       e.referrer,
       e.event_ts,
       e.ingested_at,
       CAST(year(e.event_ts) * 10000 + month(e.event_ts) * 100 + dayofmonth(e.event_ts) AS INT) AS date_key,
       e.is_late,
       e.extra,
       e.page_url,
       e.user_id || '-' || s.user_session_number AS derived_session_id,
       CAST(s.user_session_number AS INT) AS user_session_number
FROM stg_events AS e
JOIN event_sessions AS s ON s.event_id = e.event_id
ORDER BY e.event_ts, e.event_id;

UNCACHE TABLE IF EXISTS event_sessions;
