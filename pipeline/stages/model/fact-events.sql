-- fact_events: one row per accepted, de-duplicated event, ordered by event time.
-- Sessionization: besides the source's session_id, events are grouped into sessions by inactivity, the way a
-- warehouse does it when the client's session id cannot be trusted: a user's new session starts when more than
-- 30 minutes pass since their previous event. derived_session_id = user_id || '-' || session number.
-- The two window passes run on a narrow projection (id, user, time): sorting whole rows for them would spill
-- ten times more data to disk on a large run.
CREATE OR REPLACE TEMP TABLE event_sessions AS
WITH gaps AS (
  SELECT event_id, user_id, event_ts,
         epoch_ms(event_ts) - lag(epoch_ms(event_ts)) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS gap_ms
  FROM stg_events
)
SELECT event_id,
       sum(CASE WHEN gap_ms IS NULL OR gap_ms > 30 * 60 * 1000 THEN 1 ELSE 0 END)
         OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS user_session_number
FROM gaps;

-- stg_events is a view (a filtered UNION, see dedupe.sql), which DuckDB estimates as far smaller than it is: left to
-- itself it builds the join's hash table from those wide rows, not from the narrow event_sessions, and the
-- statement takes about twice as long. The join below is written in the order it should run.
SET disabled_optimizers = 'join_order';
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
       (year(e.event_ts) * 10000 + month(e.event_ts) * 100 + dayofmonth(e.event_ts))::INTEGER AS date_key,
       e.is_late,
       e.extra,
       e.page_url,
       e.user_id || '-' || s.user_session_number AS derived_session_id,
       s.user_session_number::INTEGER AS user_session_number
FROM stg_events AS e
JOIN event_sessions AS s USING (event_id)
ORDER BY e.event_ts, e.event_id;
RESET disabled_optimizers;
