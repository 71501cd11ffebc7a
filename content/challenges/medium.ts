import type { Challenge } from '@/content/schema/challenge';

/** Medium: window functions, conditional aggregation across steps, percentiles. */
export const mediumChallenges: Challenge[] = [
  {
    id: 'funnel-conversion',
    title: 'Session funnel conversion',
    difficulty: 'medium',
    topics: ['funnel', 'conditional-aggregation'],
    statement:
      'Count the sessions (session_id) that had a product_view, those that had an add_to_cart, and those that had a purchase; then the conversion view→cart (carts / views) and cart→purchase (purchases / carts). One row.',
    expectedColumns: [
      { name: 'view_sessions', description: '' },
      { name: 'cart_sessions', description: '' },
      { name: 'purchase_sessions', description: '' },
      { name: 'view_to_cart', description: 'fraction' },
      { name: 'cart_to_purchase', description: 'fraction' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `WITH s AS (
  SELECT session_id,
         BOOL_OR(event_type = 'product_view') AS viewed,
         BOOL_OR(event_type = 'add_to_cart') AS carted,
         BOOL_OR(event_type = 'purchase') AS purchased
  FROM fact_events
  GROUP BY session_id
)
SELECT COUNT(*) FILTER (WHERE viewed) AS view_sessions,
       COUNT(*) FILTER (WHERE carted) AS cart_sessions,
       COUNT(*) FILTER (WHERE purchased) AS purchase_sessions,
       COUNT(*) FILTER (WHERE carted) / COUNT(*) FILTER (WHERE viewed) AS view_to_cart,
       COUNT(*) FILTER (WHERE purchased) / COUNT(*) FILTER (WHERE carted) AS cart_to_purchase
FROM s`,
    explanation:
      'A funnel counts units (sessions), not events: a session with five product views is one viewing session. Reduce to one row per session with flags first, then count. This is the step-independent funnel; a strict funnel would also require the steps in order.',
    hints: [
      'Count sessions, not events.',
      'COUNT(DISTINCT session_id) FILTER (WHERE event_type = …) per step works too.',
      'Divide the counts as doubles: in DuckDB / already is float division.',
    ],
    lessons: ['star-schema-modelling', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'Counts events instead of sessions',
        sql: `SELECT COUNT(*) FILTER (WHERE event_type = 'product_view') v, COUNT(*) FILTER (WHERE event_type = 'add_to_cart') c, COUNT(*) FILTER (WHERE event_type = 'purchase') p, c / v, p / c FROM fact_events`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Conversion measured against all sessions',
        sql: `SELECT COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'product_view') v, COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'add_to_cart') c, COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'purchase') p, c / COUNT(DISTINCT session_id), p / COUNT(DISTINCT session_id) FROM fact_events`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'top-products-per-category',
    title: 'Top 3 products per category',
    difficulty: 'medium',
    topics: ['window-functions', 'top-n'],
    statement:
      'Revenue of a product = sum of line_total over lines of orders that are not cancelled. For each category return its 3 products with the highest revenue (fewer if it has fewer), with their rank 1–3; break ties by product_id ascending.',
    expectedColumns: [
      { name: 'category', description: '' },
      { name: 'product_id', description: '' },
      { name: 'revenue', description: '' },
      { name: 'rank', description: '1, 2, 3' },
    ],
    ordered: false,
    keyColumns: [0, 3],
    solution: `WITH revenue AS (
  SELECT p.category, p.product_id, SUM(l.line_total) AS revenue
  FROM fact_order_lines l
  JOIN fact_orders o ON o.order_id = l.order_id
  JOIN dim_product p ON p.product_id = l.product_id
  WHERE o.status <> 'cancelled'
  GROUP BY p.category, p.product_id
), ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS rank
  FROM revenue
)
SELECT category, product_id, revenue, rank FROM ranked WHERE rank <= 3`,
    explanation:
      'Top-N per group: rank inside each partition, filter outside (a window function cannot appear in WHERE; DuckDB also offers QUALIFY). ROW_NUMBER with a tie-breaker gives exactly N; RANK could give more on ties.',
    hints: [
      'Compute revenue per product first, then rank.',
      'ROW_NUMBER() OVER (PARTITION BY category ORDER BY revenue DESC, product_id)',
      'Filter rank <= 3 in an outer query or with QUALIFY.',
    ],
    lessons: ['star-schema-modelling', 'spark-fundamentals'],
    wrongAnswers: [
      {
        mistake: 'Ranks over all products instead of per category',
        sql: `WITH r AS (SELECT p.category, p.product_id, SUM(l.line_total) AS revenue FROM fact_order_lines l JOIN fact_orders o ON o.order_id = l.order_id JOIN dim_product p ON p.product_id = l.product_id WHERE o.status <> 'cancelled' GROUP BY 1, 2)
SELECT category, product_id, revenue, ROW_NUMBER() OVER (ORDER BY revenue DESC, product_id) AS rank FROM r QUALIFY rank <= 3`,
        expected: 'missing_rows',
      },
      {
        mistake: 'Forgets to exclude cancelled orders',
        sql: `WITH r AS (SELECT p.category, p.product_id, SUM(l.line_total) AS revenue FROM fact_order_lines l JOIN dim_product p ON p.product_id = l.product_id GROUP BY 1, 2)
SELECT category, product_id, revenue, ROW_NUMBER() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS rank FROM r QUALIFY rank <= 3`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'dedupe-purchase-events',
    title: 'One purchase event per order',
    difficulty: 'medium',
    topics: ['deduplication', 'window-functions', 'row-number'],
    statement:
      'A purchase event is emitted per product of an order, so an order_id can have several. For each order_id among purchase events, return the event_id and event_ts of its first purchase event (earliest event_ts, ties broken by the smallest event_id).',
    expectedColumns: [
      { name: 'order_id', description: '' },
      { name: 'event_id', description: '' },
      { name: 'event_ts', description: '' },
    ],
    ordered: false,
    solution: `SELECT order_id, event_id, event_ts
FROM (
  SELECT order_id, event_id, event_ts,
         ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY event_ts, event_id) AS rn
  FROM fact_events
  WHERE event_type = 'purchase'
)
WHERE rn = 1`,
    explanation:
      'ROW_NUMBER over the duplicate key, ordered by what decides the survivor, then keep rn = 1: the same pattern the dedupe stage uses on replayed events (keep the first by event time). The tie-breaker makes it deterministic.',
    hints: [
      'DISTINCT cannot choose which duplicate survives.',
      'Number the rows within each order_id.',
      'ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY event_ts, event_id), keep 1.',
    ],
    lessons: ['exactly-once', 'kafka-delivery-semantics'],
    wrongAnswers: [
      {
        mistake: 'DISTINCT keeps every event of the order',
        sql: `SELECT DISTINCT order_id, event_id, event_ts FROM fact_events WHERE event_type = 'purchase'`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Partitions by user, so only one order per user survives',
        sql: `SELECT order_id, event_id, event_ts FROM fact_events WHERE event_type = 'purchase' QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) = 1`,
        expected: 'missing_rows',
      },
    ],
  },
  {
    id: 'running-revenue',
    title: 'Running total of daily revenue',
    difficulty: 'medium',
    topics: ['window-functions', 'running-total'],
    statement:
      'Revenue of a day = sum of total of orders placed that day (order_ts, UTC) whose status is neither cancelled nor returned. Return each day that has such orders, its revenue and the running total of revenue up to and including that day, ordered by day.',
    expectedColumns: [
      { name: 'day', description: 'DATE' },
      { name: 'revenue', description: '' },
      { name: 'running_revenue', description: '' },
    ],
    ordered: true,
    solution: `WITH daily AS (
  SELECT CAST(order_ts AS DATE) AS day, SUM(total) AS revenue
  FROM fact_orders
  WHERE status NOT IN ('cancelled', 'returned')
  GROUP BY 1
)
SELECT day, revenue,
       SUM(revenue) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_revenue
FROM daily
ORDER BY day`,
    explanation:
      'Aggregate to the day first, then window over days. With ORDER BY the default frame is RANGE UNBOUNDED PRECEDING to CURRENT ROW, the same here because days are unique; say ROWS explicitly so peers never surprise you.',
    hints: [
      'Two steps: daily revenue, then a window over it.',
      'SUM(revenue) OVER (ORDER BY day …)',
      'The frame is ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Frame of two rows: a moving sum, not a running total',
        sql: `WITH d AS (SELECT CAST(order_ts AS DATE) AS day, SUM(total) AS revenue FROM fact_orders WHERE status NOT IN ('cancelled', 'returned') GROUP BY 1)
SELECT day, revenue, SUM(revenue) OVER (ORDER BY day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM d ORDER BY day`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Partitions by day, so the total restarts every row',
        sql: `WITH d AS (SELECT CAST(order_ts AS DATE) AS day, SUM(total) AS revenue FROM fact_orders WHERE status NOT IN ('cancelled', 'returned') GROUP BY 1)
SELECT day, revenue, SUM(revenue) OVER (PARTITION BY day ORDER BY day) FROM d ORDER BY day`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'moving-average-events',
    title: '7-day moving average of events',
    difficulty: 'medium',
    topics: ['window-functions', 'window-frame'],
    statement:
      'For each day with events, return the day, its event count and the average of the daily counts over that day and the 6 previous days with events (a trailing window of 7 rows, not 7 calendar days; fewer at the start).',
    expectedColumns: [
      { name: 'day', description: 'DATE' },
      { name: 'events', description: '' },
      { name: 'avg_7d', description: '' },
    ],
    ordered: false,
    solution: `WITH daily AS (
  SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS events
  FROM fact_events
  GROUP BY 1
)
SELECT day, events,
       AVG(events) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7d
FROM daily`,
    explanation:
      'ROWS BETWEEN 6 PRECEDING AND CURRENT ROW is 7 rows. If days could be missing, RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW would follow the calendar instead of the rows.',
    hints: [
      'Aggregate to days, then a window.',
      'How many rows is "6 PRECEDING AND CURRENT ROW"?',
      'AVG(events) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)',
    ],
    lessons: ['stream-processing'],
    wrongAnswers: [
      {
        mistake: 'Off by one: 8 rows',
        sql: `WITH d AS (SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS events FROM fact_events GROUP BY 1)
SELECT day, events, AVG(events) OVER (ORDER BY day ROWS BETWEEN 7 PRECEDING AND CURRENT ROW) FROM d`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Centred window looks into the future',
        sql: `WITH d AS (SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS events FROM fact_events GROUP BY 1)
SELECT day, events, AVG(events) OVER (ORDER BY day ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) FROM d`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'sessionize-events',
    title: 'Sessionize by inactivity',
    difficulty: 'medium',
    topics: ['sessionization', 'window-functions', 'lag'],
    statement:
      "Ignore session_id. A user's session starts at their first event and whenever more than 30 minutes passed since their previous event. Return each user_id with their number of sessions.",
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'sessions', description: '' },
    ],
    ordered: false,
    solution: `WITH e AS (
  SELECT user_id, event_ts,
         LAG(event_ts) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS previous_ts
  FROM fact_events
)
SELECT user_id,
       COUNT(*) FILTER (WHERE previous_ts IS NULL OR event_ts - previous_ts > INTERVAL 30 MINUTE) AS sessions
FROM e
GROUP BY user_id`,
    explanation:
      'LAG gives each event its predecessor per user; a gap over the timeout (or no predecessor) marks a session start, and a running SUM of those flags would number the sessions. Event time, not ingestion time, decides: late events still land in the right session.',
    hints: [
      'Compare each event with the previous event of the same user.',
      'LAG(event_ts) OVER (PARTITION BY user_id ORDER BY event_ts)',
      'Count the rows where the previous is NULL or the gap is over INTERVAL 30 MINUTE.',
    ],
    lessons: ['stream-processing', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'LAG without PARTITION BY compares with another user',
        sql: `WITH e AS (SELECT user_id, event_ts, LAG(event_ts) OVER (ORDER BY event_ts, event_id) AS p FROM fact_events)
SELECT user_id, COUNT(*) FILTER (WHERE p IS NULL OR event_ts - p > INTERVAL 30 MINUTE) FROM e GROUP BY user_id`,
        expected: 'wrong_values',
      },
      {
        mistake: 'A 60-minute timeout',
        sql: `WITH e AS (SELECT user_id, event_ts, LAG(event_ts) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS p FROM fact_events)
SELECT user_id, COUNT(*) FILTER (WHERE p IS NULL OR event_ts - p > INTERVAL 60 MINUTE) FROM e GROUP BY user_id`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'cart-abandonment-by-device',
    title: 'Cart abandonment by device',
    difficulty: 'medium',
    topics: ['cart-abandonment', 'conditional-aggregation'],
    statement:
      'A cart session is a session_id with at least one add_to_cart; it is abandoned if it has no purchase. For each device (of the session, take the device of its events), return cart sessions, abandoned sessions and the abandonment rate.',
    expectedColumns: [
      { name: 'device', description: '' },
      { name: 'carts', description: '' },
      { name: 'abandoned', description: '' },
      { name: 'abandonment_rate', description: 'fraction' },
    ],
    ordered: false,
    solution: `WITH s AS (
  SELECT session_id, ANY_VALUE(device) AS device,
         BOOL_OR(event_type = 'add_to_cart') AS carted,
         BOOL_OR(event_type = 'purchase') AS purchased
  FROM fact_events
  GROUP BY session_id
)
SELECT device,
       COUNT(*) AS carts,
       COUNT(*) FILTER (WHERE NOT purchased) AS abandoned,
       COUNT(*) FILTER (WHERE NOT purchased) / COUNT(*) AS abandonment_rate
FROM s
WHERE carted
GROUP BY device`,
    explanation:
      "Reduce to one row per session, then filter to cart sessions before counting. A session has one device in this data, so ANY_VALUE is safe; in real data you would pick the first event's device.",
    hints: [
      'One row per session first, with two flags.',
      'BOOL_OR(event_type = …) per session.',
      'Keep sessions with a cart, count those without a purchase.',
    ],
    lessons: ['data-quality'],
    wrongAnswers: [
      {
        mistake: 'Counts add_to_cart events, not sessions',
        sql: `WITH s AS (SELECT session_id, BOOL_OR(event_type = 'purchase') AS purchased FROM fact_events GROUP BY 1)
SELECT e.device, COUNT(*), COUNT(*) FILTER (WHERE NOT s.purchased), COUNT(*) FILTER (WHERE NOT s.purchased) / COUNT(*) FROM fact_events e JOIN s USING (session_id) WHERE e.event_type = 'add_to_cart' GROUP BY e.device`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Rate of all sessions, not cart sessions',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(device) AS device, BOOL_OR(event_type = 'add_to_cart') AS carted, BOOL_OR(event_type = 'purchase') AS purchased FROM fact_events GROUP BY 1)
SELECT device, COUNT(*) FILTER (WHERE carted), COUNT(*) FILTER (WHERE carted AND NOT purchased), COUNT(*) FILTER (WHERE carted AND NOT purchased) / COUNT(*) FROM s GROUP BY device`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'order-total-percentiles',
    title: 'Median and p90 order total',
    difficulty: 'medium',
    topics: ['percentiles', 'median'],
    statement:
      'For orders that are not cancelled, return per payment_method the median order total and the 90th percentile, both continuous: linearly interpolated between the two nearest totals, exactly (not cut to cents).',
    expectedColumns: [
      { name: 'payment_method', description: '' },
      { name: 'median_total', description: '' },
      { name: 'p90_total', description: '' },
    ],
    ordered: false,
    solution: `SELECT payment_method,
       QUANTILE_CONT(total::DOUBLE, 0.5) AS median_total,
       QUANTILE_CONT(total::DOUBLE, 0.9) AS p90_total
FROM fact_orders
WHERE status <> 'cancelled'
GROUP BY payment_method`,
    explanation:
      'QUANTILE_CONT interpolates between the two nearest values (PERCENTILE_CONT … WITHIN GROUP in standard SQL, also accepted by DuckDB); QUANTILE_DISC returns an actual value. MEDIAN(x) equals QUANTILE_CONT(x, 0.5). On a DECIMAL(12,2) column DuckDB returns DECIMAL(12,2), cutting the interpolated value to cents (e.g. 142.788 becomes 142.78), so cast to DOUBLE first.',
    hints: [
      'The average is not the median: skewed totals pull it up.',
      'DuckDB: QUANTILE_CONT(column, fraction) or MEDIAN(column); on a DECIMAL column the result is cut to its scale.',
      "QUANTILE_CONT(total::DOUBLE, 0.9) with WHERE status <> 'cancelled'.",
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Average instead of median',
        sql: `SELECT payment_method, AVG(total), QUANTILE_CONT(total::DOUBLE, 0.9) FROM fact_orders WHERE status <> 'cancelled' GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'p90 taken as 0.09',
        sql: `SELECT payment_method, MEDIAN(total::DOUBLE), QUANTILE_CONT(total::DOUBLE, 0.09) FROM fact_orders WHERE status <> 'cancelled' GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'buyers-by-country',
    title: 'Share of users who bought, by country',
    difficulty: 'medium',
    topics: ['left-join', 'aggregation'],
    statement:
      'Using the current version of each user (dim_user) and fact_orders, return for each country: users, users with at least one order (any status), and their share.',
    expectedColumns: [
      { name: 'country', description: '' },
      { name: 'users', description: '' },
      { name: 'buyers', description: '' },
      { name: 'buyer_share', description: 'fraction' },
    ],
    ordered: false,
    solution: `SELECT u.country,
       COUNT(*) AS users,
       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM fact_orders o WHERE o.user_id = u.user_id)) AS buyers,
       buyers / users AS buyer_share
FROM dim_user u
WHERE u.is_current
GROUP BY u.country`,
    explanation:
      'Every user must stay in the denominator, so the orders side is optional: EXISTS (a semi-join) or a LEFT JOIN to distinct buyers. Joining orders directly fans out one row per order.',
    hints: [
      'Users without orders must still count in "users".',
      'An INNER JOIN to orders drops them.',
      'COUNT(*) FILTER (WHERE EXISTS (… orders of that user …)).',
    ],
    lessons: ['star-schema-modelling', 'slowly-changing-dimensions'],
    wrongAnswers: [
      {
        mistake: 'INNER JOIN drops users without orders',
        sql: `SELECT u.country, COUNT(DISTINCT u.user_id), COUNT(DISTINCT o.user_id), COUNT(DISTINCT o.user_id) / COUNT(DISTINCT u.user_id) FROM dim_user u JOIN fact_orders o ON o.user_id = u.user_id WHERE u.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'LEFT JOIN counts orders, not users',
        sql: `SELECT u.country, COUNT(*), COUNT(o.order_id), COUNT(o.order_id) / COUNT(*) FROM dim_user u LEFT JOIN fact_orders o ON o.user_id = u.user_id WHERE u.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
];
