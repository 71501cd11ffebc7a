import type { Challenge } from '@/content/schema/challenge';

/** Hard: point-in-time joins, gaps and islands, cohorts, attribution, anomalies, the run's own faults. */
export const hardChallenges: Challenge[] = [
  {
    id: 'revenue-by-tier-point-in-time',
    title: 'Revenue by loyalty tier at order time',
    difficulty: 'hard',
    topics: ['scd2', 'point-in-time-join'],
    statement:
      'Join each order to the dim_user version that was valid when it was placed (valid_from <= order_ts < valid_to), by user_id, not via user_sk. Return each loyalty_tier of that version with the number of orders and the sum of total (all statuses).',
    expectedColumns: [
      { name: 'loyalty_tier', description: 'bronze | silver | gold | platinum' },
      { name: 'orders', description: '' },
      { name: 'total', description: '' },
    ],
    ordered: false,
    solution: `SELECT u.loyalty_tier, COUNT(*) AS orders, SUM(o.total) AS total
FROM fact_orders o
JOIN dim_user u
  ON u.user_id = o.user_id
 AND o.order_ts >= u.valid_from
 AND o.order_ts < u.valid_to
GROUP BY u.loyalty_tier`,
    explanation:
      'A point-in-time join picks the version true at the event: adjacent half-open intervals [valid_from, valid_to) share no instant, so each order matches exactly one version. Joining the current version rewrites history; joining on user_id alone fans out one row per version. The model stage stores the result as fact_orders.user_sk.',
    hints: [
      'Which version of the user was true when the order was placed?',
      'Add the time condition to the join, not just user_id.',
      'ON u.user_id = o.user_id AND o.order_ts >= u.valid_from AND o.order_ts < u.valid_to',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: "Uses the user's current tier",
        sql: `SELECT u.loyalty_tier, COUNT(*), SUM(o.total) FROM fact_orders o JOIN dim_user u ON u.user_id = o.user_id AND u.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Joins on user_id only: one row per version',
        sql: `SELECT u.loyalty_tier, COUNT(*), SUM(o.total) FROM fact_orders o JOIN dim_user u ON u.user_id = o.user_id GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'active-day-streaks',
    title: 'Streaks of active days',
    difficulty: 'hard',
    topics: ['gaps-and-islands', 'window-functions'],
    statement:
      'A user is active on a day (UTC, event_ts) with at least one event. Return every streak of 3 or more consecutive active days: user_id, first day, last day and the number of days.',
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'streak_start', description: 'DATE' },
      { name: 'streak_end', description: 'DATE' },
      { name: 'days', description: '' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH active AS (
  SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events
), islands AS (
  SELECT user_id, day,
         day - CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY day) AS INTEGER) AS island
  FROM active
)
SELECT user_id, MIN(day) AS streak_start, MAX(day) AS streak_end, COUNT(*) AS days
FROM islands
GROUP BY user_id, island
HAVING COUNT(*) >= 3`,
    explanation:
      'Gaps and islands: in a run of consecutive days, day minus its row number is constant, so it labels the island. The days must be distinct first, or repeated days break the arithmetic.',
    hints: [
      'Reduce to distinct (user, day) pairs first.',
      'day − ROW_NUMBER() is the same for every day of a run.',
      'GROUP BY user_id, (day − row number) HAVING COUNT(*) >= 3',
    ],
    lessons: ['stream-processing'],
    wrongAnswers: [
      {
        mistake: 'Numbers events, not distinct days',
        sql: `WITH i AS (SELECT user_id, CAST(event_ts AS DATE) AS day, CAST(event_ts AS DATE) - CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts) AS INTEGER) AS island FROM fact_events)
SELECT user_id, MIN(day), MAX(day), COUNT(DISTINCT day) FROM i GROUP BY user_id, island HAVING COUNT(DISTINCT day) >= 3`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Keeps streaks of 2 days',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events), i AS (SELECT user_id, day, day - CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY day) AS INTEGER) AS island FROM a)
SELECT user_id, MIN(day), MAX(day), COUNT(*) FROM i GROUP BY user_id, island HAVING COUNT(*) >= 2`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'weekly-retention-cohorts',
    title: 'Weekly retention cohorts',
    difficulty: 'hard',
    topics: ['retention', 'cohorts'],
    statement:
      "A user's cohort is the Monday-starting week of their first event; a user is active in a week with at least one event. For each cohort and week offset (0 = the cohort week) with at least one active user, return the number of users of the cohort active that week and the retention (active users / cohort size).",
    expectedColumns: [
      { name: 'cohort_week', description: 'DATE, a Monday' },
      { name: 'week_offset', description: '0, 1, …' },
      { name: 'active_users', description: '' },
      { name: 'retention', description: 'fraction' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH firsts AS (
  SELECT user_id, CAST(DATE_TRUNC('week', MIN(event_ts)) AS DATE) AS cohort_week
  FROM fact_events GROUP BY user_id
), activity AS (
  SELECT DISTINCT e.user_id, f.cohort_week,
         DATE_DIFF('week', f.cohort_week, DATE_TRUNC('week', e.event_ts)) AS week_offset
  FROM fact_events e JOIN firsts f USING (user_id)
), sizes AS (
  SELECT cohort_week, COUNT(*) AS cohort_size FROM firsts GROUP BY cohort_week
)
SELECT a.cohort_week, a.week_offset, COUNT(*) AS active_users, COUNT(*) / ANY_VALUE(s.cohort_size) AS retention
FROM activity a JOIN sizes s USING (cohort_week)
GROUP BY a.cohort_week, a.week_offset`,
    explanation:
      "DATE_TRUNC('week', …) starts weeks on Monday in DuckDB (ISO). Count distinct users per (cohort, offset) and divide by the cohort's size: offset 0 is always 1.0. mart_cohort_retention holds the pipeline's own answer to compare with.",
    hints: [
      "First find each user's cohort week with MIN(event_ts).",
      "DATE_DIFF('week', cohort_week, DATE_TRUNC('week', event_ts)) is the offset.",
      'Count DISTINCT users per cohort and offset, divide by the cohort size.',
    ],
    lessons: ['star-schema-modelling', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'Counts events, not distinct users',
        sql: `WITH f AS (SELECT user_id, DATE_TRUNC('week', MIN(event_ts)) AS cw FROM fact_events GROUP BY 1), s AS (SELECT cw, COUNT(*) AS n FROM f GROUP BY 1)
SELECT f.cw, DATE_DIFF('week', f.cw, DATE_TRUNC('week', e.event_ts)) AS o, COUNT(*), COUNT(*) / ANY_VALUE(s.n) FROM fact_events e JOIN f USING (user_id) JOIN s USING (cw) GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Cohort by signup date instead of first event',
        sql: `WITH f AS (SELECT user_id, DATE_TRUNC('week', signup_ts) AS cw FROM dim_user WHERE is_current AND user_id IN (SELECT user_id FROM fact_events)), s AS (SELECT cw, COUNT(*) AS n FROM f GROUP BY 1), a AS (SELECT DISTINCT e.user_id, f.cw, DATE_DIFF('week', f.cw, DATE_TRUNC('week', e.event_ts)) AS o FROM fact_events e JOIN f USING (user_id))
SELECT a.cw, a.o, COUNT(*), COUNT(*) / ANY_VALUE(s.n) FROM a JOIN s USING (cw) GROUP BY 1, 2`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'first-touch-attribution',
    title: 'First-touch revenue attribution',
    difficulty: 'hard',
    topics: ['attribution', 'window-functions'],
    statement:
      "Attribute each order's total to the referrer of the buyer's first event ever (earliest event_ts, ties by event_id). Return each referrer with attributed orders and revenue; orders of every status count.",
    expectedColumns: [
      { name: 'referrer', description: '' },
      { name: 'orders', description: '' },
      { name: 'revenue', description: '' },
    ],
    ordered: false,
    solution: `WITH first_touch AS (
  SELECT user_id, referrer
  FROM fact_events
  QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) = 1
)
SELECT f.referrer, COUNT(*) AS orders, SUM(o.total) AS revenue
FROM fact_orders o
JOIN first_touch f USING (user_id)
GROUP BY f.referrer`,
    explanation:
      'First-touch credits the channel that acquired the user; last-touch credits the session that converted. Both are single-touch models: they disagree exactly when users come back through another channel, which is why teams compare them.',
    hints: [
      "Find each user's first event first.",
      'ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) = 1',
      'Join orders to that one row per user on user_id.',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Last touch: the referrer of the converting session',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(referrer) AS referrer FROM fact_events GROUP BY 1)
SELECT s.referrer, COUNT(*), SUM(o.total) FROM fact_orders o JOIN s USING (session_id) GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Joins every event of the user: revenue counted once per event',
        sql: `SELECT e.referrer, COUNT(*), SUM(o.total) FROM fact_orders o JOIN fact_events e USING (user_id) GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'hourly-anomalies',
    title: 'Anomalous hours',
    difficulty: 'hard',
    topics: ['anomaly-detection', 'statistics'],
    statement:
      'Count events per hour (date_trunc of event_ts; only hours with events). Return the hours whose count is more than 2 sample standard deviations above the mean hourly count, with the count and the z-score rounded to 2 decimals.',
    expectedColumns: [
      { name: 'hour', description: 'TIMESTAMP' },
      { name: 'events', description: '' },
      { name: 'z', description: '(events − mean) / stddev_samp' },
    ],
    ordered: false,
    solution: `WITH hourly AS (
  SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events
  FROM fact_events GROUP BY 1
), scored AS (
  SELECT hour, events, (events - AVG(events) OVER ()) / STDDEV_SAMP(events) OVER () AS z
  FROM hourly
)
SELECT hour, events, ROUND(z, 2) AS z FROM scored WHERE z > 2`,
    explanation:
      'Window aggregates with an empty OVER () put the global mean and standard deviation on every row, so z-scores need no self-join. A real detector would compare with the same hour of previous days (seasonality); a global z-score flags every busy evening.',
    hints: [
      'Aggregate to hours, then score each hour.',
      'AVG(events) OVER () and STDDEV_SAMP(events) OVER ()',
      'Filter z > 2 in an outer query: window results cannot be used in WHERE directly.',
    ],
    lessons: ['data-quality', 'production-readiness'],
    wrongAnswers: [
      {
        mistake: 'Mean and deviation per day instead of over the whole run',
        sql: `WITH h AS (SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events FROM fact_events GROUP BY 1), s AS (SELECT hour, events, (events - AVG(events) OVER (PARTITION BY CAST(hour AS DATE))) / STDDEV_SAMP(events) OVER (PARTITION BY CAST(hour AS DATE)) AS z FROM h)
SELECT hour, events, ROUND(z, 2) FROM s WHERE z > 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Forgets the threshold',
        sql: `WITH h AS (SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events FROM fact_events GROUP BY 1)
SELECT hour, events, ROUND((events - AVG(events) OVER ()) / STDDEV_SAMP(events) OVER (), 2) FROM h`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'out-of-order-arrivals',
    title: 'Events that arrived out of order',
    difficulty: 'hard',
    topics: ['late-data', 'window-functions', 'window-frame'],
    statement:
      'Your run injects late and out-of-order events. Within a session, an event arrived out of order if an event of the same session with a later event_ts was ingested before it (order arrivals by ingested_at, then event_id). Return those events: event_id, session_id, event_ts, ingested_at.',
    expectedColumns: [
      { name: 'event_id', description: '' },
      { name: 'session_id', description: '' },
      { name: 'event_ts', description: '' },
      { name: 'ingested_at', description: '' },
    ],
    ordered: false,
    solution: `SELECT event_id, session_id, event_ts, ingested_at
FROM fact_events
QUALIFY MAX(event_ts) OVER (
  PARTITION BY session_id ORDER BY ingested_at, event_id
  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
) > event_ts`,
    explanation:
      'The running maximum of event time over everything that arrived earlier is the watermark a streaming job with zero allowed lateness would hold (per session here); an event behind it is out of order. The frame must end at 1 PRECEDING: every arrival before this one, and all of them, not only the previous.',
    hints: [
      'Order the session by arrival (ingested_at), compare with event time.',
      'What is the latest event_ts seen among earlier arrivals?',
      'MAX(event_ts) OVER (PARTITION BY session_id ORDER BY ingested_at, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > event_ts',
    ],
    lessons: ['stream-processing', 'kafka-delivery-semantics'],
    wrongAnswers: [
      {
        mistake: 'Orders by event time, so nothing is ever out of order',
        sql: `SELECT event_id, session_id, event_ts, ingested_at FROM fact_events QUALIFY MAX(event_ts) OVER (PARTITION BY session_id ORDER BY event_ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > event_ts`,
        expected: 'missing_rows',
      },
      {
        mistake: 'Also flags late events that are not behind anything in their session',
        sql: `SELECT event_id, session_id, event_ts, ingested_at FROM fact_events WHERE is_late OR event_id IN (SELECT event_id FROM fact_events QUALIFY MAX(event_ts) OVER (PARTITION BY session_id ORDER BY ingested_at, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > event_ts)`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'top-customers-per-country',
    title: 'Top 2 customers per shipping country',
    difficulty: 'hard',
    topics: ['window-functions', 'top-n'],
    statement:
      'Spend = sum of total of orders not cancelled or returned. For each shipping_country, return its 2 users with the highest spend there, with spend and rank (ties by user_id ascending), ordered by country, then rank.',
    expectedColumns: [
      { name: 'shipping_country', description: '' },
      { name: 'user_id', description: '' },
      { name: 'spend', description: '' },
      { name: 'rank', description: '1 or 2' },
    ],
    ordered: true,
    keyColumns: [0, 3],
    solution: `SELECT shipping_country, user_id, SUM(total) AS spend,
       ROW_NUMBER() OVER (PARTITION BY shipping_country ORDER BY SUM(total) DESC, user_id) AS rank
FROM fact_orders
WHERE status NOT IN ('cancelled', 'returned')
GROUP BY shipping_country, user_id
QUALIFY rank <= 2
ORDER BY shipping_country, rank`,
    explanation:
      'Window functions run after GROUP BY, so they can rank an aggregate directly; QUALIFY filters on them like HAVING filters on aggregates. The final ORDER BY is required: QUALIFY does not order.',
    hints: [
      'Aggregate per country and user first.',
      'ROW_NUMBER() OVER (PARTITION BY shipping_country ORDER BY SUM(total) DESC, user_id)',
      'QUALIFY rank <= 2 ORDER BY shipping_country, rank',
    ],
    lessons: ['spark-fundamentals'],
    wrongAnswers: [
      {
        mistake: 'Lowest spenders first',
        sql: `SELECT shipping_country, user_id, SUM(total) AS spend, ROW_NUMBER() OVER (PARTITION BY shipping_country ORDER BY SUM(total), user_id) AS rank FROM fact_orders WHERE status NOT IN ('cancelled', 'returned') GROUP BY 1, 2 QUALIFY rank <= 2 ORDER BY 1, rank`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Ordered by rank first',
        sql: `SELECT shipping_country, user_id, SUM(total) AS spend, ROW_NUMBER() OVER (PARTITION BY shipping_country ORDER BY SUM(total) DESC, user_id) AS rank FROM fact_orders WHERE status NOT IN ('cancelled', 'returned') GROUP BY 1, 2 QUALIFY rank <= 2 ORDER BY rank, 1`,
        expected: 'wrong_order',
      },
    ],
  },
  {
    id: 'category-revenue-share',
    title: 'Share of revenue by category',
    difficulty: 'hard',
    topics: ['window-functions', 'ratio'],
    statement:
      'From order lines of orders not cancelled, return each product category with its revenue (sum of line_total) and its share of the revenue of all categories.',
    expectedColumns: [
      { name: 'category', description: '' },
      { name: 'revenue', description: '' },
      { name: 'share', description: 'fraction; the shares sum to 1' },
    ],
    ordered: false,
    solution: `SELECT p.category, SUM(l.line_total) AS revenue,
       SUM(l.line_total) / SUM(SUM(l.line_total)) OVER () AS share
FROM fact_order_lines l
JOIN fact_orders o ON o.order_id = l.order_id
JOIN dim_product p ON p.product_id = l.product_id
WHERE o.status <> 'cancelled'
GROUP BY p.category`,
    explanation:
      'SUM(SUM(x)) OVER () nests an aggregate inside a window: the inner SUM is per group, the outer one adds the groups. Revenue uses the unit_price paid on the line, not the list price in dim_product, which may have changed since.',
    hints: [
      "You need each category's revenue and the grand total on the same row.",
      'A window over the grouped rows: SUM(…) OVER ().',
      'SUM(l.line_total) / SUM(SUM(l.line_total)) OVER ()',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Window partitioned by category: every share is 1',
        sql: `SELECT p.category, SUM(l.line_total), SUM(l.line_total) / SUM(SUM(l.line_total)) OVER (PARTITION BY p.category) FROM fact_order_lines l JOIN fact_orders o ON o.order_id = l.order_id JOIN dim_product p ON p.product_id = l.product_id WHERE o.status <> 'cancelled' GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Keeps cancelled orders',
        sql: `SELECT p.category, SUM(l.line_total), SUM(l.line_total) / SUM(SUM(l.line_total)) OVER () FROM fact_order_lines l JOIN dim_product p ON p.product_id = l.product_id GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
];
