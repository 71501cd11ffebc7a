import type { Challenge } from '@/content/schema/challenge';

/** Screening-round staples at every level: NULL-aware counts, calendar joins, ordered funnels, ASOF joins, pivots. */
export const moreChallenges: Challenge[] = [
  {
    id: 'active-products-by-category',
    title: 'Active products per category',
    difficulty: 'easy',
    topics: ['aggregation', 'conditional-aggregation', 'nulls'],
    statement:
      'For each category of dim_product, return the number of products, the number of active products (is_active) and the active share.',
    expectedColumns: [
      { name: 'category', description: '' },
      { name: 'products', description: '' },
      { name: 'active', description: '' },
      { name: 'active_share', description: 'fraction' },
    ],
    ordered: false,
    solution: `SELECT category,
       COUNT(*) AS products,
       COUNT(*) FILTER (WHERE is_active) AS active,
       COUNT(*) FILTER (WHERE is_active) / COUNT(*) AS active_share
FROM dim_product
GROUP BY category`,
    explanation:
      'COUNT(column) counts non-NULL values, so COUNT(is_active) counts false as well as true. Count the rows that pass a condition with COUNT(*) FILTER (WHERE …) or SUM(CASE WHEN … THEN 1 ELSE 0 END); a WHERE clause would remove the inactive products from the denominator too.',
    hints: [
      'Two counts per category: all products, and those with is_active.',
      'Does COUNT(is_active) skip the false values?',
      'COUNT(*) FILTER (WHERE is_active), divided by COUNT(*).',
    ],
    lessons: ['star-schema-modelling', 'data-quality'],
    wrongAnswers: [
      {
        mistake: 'COUNT(is_active) counts false too: every product is "active"',
        sql: `SELECT category, COUNT(*), COUNT(is_active), COUNT(is_active) / COUNT(*) FROM dim_product GROUP BY category`,
        expected: 'wrong_values',
      },
      {
        mistake: 'WHERE is_active also shrinks the product count',
        sql: `SELECT category, COUNT(*), COUNT(*), 1.0 FROM dim_product WHERE is_active GROUP BY category`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'top-search-terms',
    title: 'Top 10 search terms',
    difficulty: 'easy',
    topics: ['aggregation', 'top-n', 'order-by', 'nulls'],
    statement:
      'Among search events, return the 10 search_query values searched most often with their number of searches, most searched first, ties broken by the term alphabetically.',
    expectedColumns: [
      { name: 'search_query', description: '' },
      { name: 'searches', description: '' },
    ],
    ordered: true,
    solution: `SELECT search_query, COUNT(*) AS searches
FROM fact_events
WHERE event_type = 'search'
GROUP BY search_query
ORDER BY searches DESC, search_query
LIMIT 10`,
    explanation:
      'LIMIT after an ORDER BY that is not total returns an arbitrary choice among tied rows: a tie-breaker makes the top 10 deterministic (and testable). Without the event_type filter, the non-search events form a NULL group that tops the list.',
    hints: [
      'Only search events have a search_query.',
      'GROUP BY search_query, ORDER BY the count descending.',
      'ORDER BY searches DESC, search_query LIMIT 10',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'No filter: the NULL query of all other events comes first',
        sql: `SELECT search_query, COUNT(*) AS searches FROM fact_events GROUP BY search_query ORDER BY searches DESC, search_query LIMIT 10`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Least searched first',
        sql: `SELECT search_query, COUNT(*) AS searches FROM fact_events WHERE event_type = 'search' GROUP BY 1 ORDER BY searches, search_query LIMIT 10`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'weekend-share-by-device',
    title: 'Weekend share of events by device',
    difficulty: 'easy',
    topics: ['join', 'dimension', 'dates'],
    statement:
      'Using dim_date (joined on date_key), return for each device its events, its weekend events (Saturday and Sunday) and the weekend share.',
    expectedColumns: [
      { name: 'device', description: '' },
      { name: 'events', description: '' },
      { name: 'weekend_events', description: '' },
      { name: 'weekend_share', description: 'fraction' },
    ],
    ordered: false,
    solution: `SELECT e.device,
       COUNT(*) AS events,
       COUNT(*) FILTER (WHERE d.is_weekend) AS weekend_events,
       COUNT(*) FILTER (WHERE d.is_weekend) / COUNT(*) AS weekend_share
FROM fact_events e
JOIN dim_date d ON d.date_key = e.date_key
GROUP BY e.device`,
    explanation:
      "A date dimension holds the calendar logic once (weekends, ISO weeks, holidays), so every query agrees. Computing it inline is where bugs hide: DuckDB's DAYOFWEEK is 0 = Sunday … 6 = Saturday, while ISODOW is 1 = Monday … 7 = Sunday, and DAYOFWEEK(ts) IN (6, 7) counts Saturdays only.",
    hints: [
      'dim_date.is_weekend already knows which days are weekends.',
      'Join fact_events to dim_date on date_key.',
      'COUNT(*) FILTER (WHERE d.is_weekend) / COUNT(*) per device.',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'DAYOFWEEK(…) IN (6, 7) assumes ISO numbering: only Saturdays count',
        sql: `SELECT device, COUNT(*), COUNT(*) FILTER (WHERE DAYOFWEEK(event_ts) IN (6, 7)), COUNT(*) FILTER (WHERE DAYOFWEEK(event_ts) IN (6, 7)) / COUNT(*) FROM fact_events GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: "Share of all events instead of the device's events",
        sql: `SELECT e.device, COUNT(*), COUNT(*) FILTER (WHERE d.is_weekend), COUNT(*) FILTER (WHERE d.is_weekend) / (SELECT COUNT(*) FROM fact_events) FROM fact_events e JOIN dim_date d ON d.date_key = e.date_key GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'replays-by-partition',
    title: 'Duplicate copies by raw partition',
    difficulty: 'medium',
    topics: ['deduplication', 'strings', 'data-quality'],
    statement:
      'dedupe_removed.source is the raw file a removed copy landed in, e.g. raw/events/event_date=2025-08-24/part-3-0-587.ndjson, where 3 is the topic partition. For event duplicates only, return each partition number (an INTEGER) with the removed copies that landed in it and the number of distinct events they duplicate.',
    expectedColumns: [
      { name: 'partition', description: 'INTEGER' },
      { name: 'copies', description: 'removed copies' },
      { name: 'events', description: 'distinct record_id' },
    ],
    ordered: false,
    solution: `SELECT CAST(REGEXP_EXTRACT(source, 'part-(\\d+)-', 1) AS INTEGER) AS partition,
       COUNT(*) AS copies,
       COUNT(DISTINCT record_id) AS events
FROM dedupe_removed
WHERE entity = 'events'
GROUP BY 1`,
    explanation:
      "Events are keyed by session, so a partition holds whole sessions; duplicates that cluster on one partition point at that partition's consumer (it re-read after a crash before committing) rather than at the producer. The file name carries the partition and the offset range because the ingest stage names raw files by offsets, so a re-run rewrites the same files.",
    hints: [
      "Filter entity = 'events' first.",
      "REGEXP_EXTRACT(source, 'part-(\\d+)-', 1) returns the partition as text.",
      'Cast it to INTEGER, then COUNT(*) and COUNT(DISTINCT record_id).',
    ],
    lessons: ['kafka-fundamentals', 'kafka-delivery-semantics', 'exactly-once'],
    wrongAnswers: [
      {
        mistake: 'Extracts the last number of the file name, the end of the offset range, not the partition',
        sql: `SELECT CAST(REGEXP_EXTRACT(source, '-(\\d+)\\.ndjson', 1) AS INTEGER), COUNT(*), COUNT(DISTINCT record_id) FROM dedupe_removed WHERE entity = 'events' GROUP BY 1`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Counts duplicates of every entity',
        sql: `SELECT CAST(REGEXP_EXTRACT(source, 'part-(\\d+)-', 1) AS INTEGER), COUNT(*), COUNT(DISTINCT record_id) FROM dedupe_removed GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'cart-product-pairs',
    title: 'Products carted together',
    difficulty: 'medium',
    topics: ['self-join', 'market-basket'],
    statement:
      'Two different products are carted together when both were added to cart (add_to_cart) in the same session. Return each pair once, smaller product_id first, with the number of sessions in which both were carted.',
    expectedColumns: [
      { name: 'product_a', description: 'the smaller product_id' },
      { name: 'product_b', description: 'the larger product_id' },
      { name: 'sessions', description: '' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH carted AS (
  SELECT DISTINCT session_id, product_id FROM fact_events WHERE event_type = 'add_to_cart'
)
SELECT a.product_id AS product_a, b.product_id AS product_b, COUNT(*) AS sessions
FROM carted a
JOIN carted b ON b.session_id = a.session_id AND a.product_id < b.product_id
GROUP BY 1, 2`,
    explanation:
      'A self-join on the basket key lists the pairs; a.product_id < b.product_id keeps each unordered pair once and drops a product paired with itself. De-duplicate (session, product) first, or a product carted twice counts its pairs twice. On a real catalog the pair count grows with the square of the basket size: support thresholds and the basket-size cap come before the join.',
    hints: [
      'One row per (session, product) carted first.',
      'Join that to itself on session_id.',
      'a.product_id < b.product_id, then COUNT(*) per pair.',
    ],
    lessons: ['star-schema-modelling', 'spark-performance'],
    wrongAnswers: [
      {
        mistake: 'a.product_id <> b.product_id: every pair twice, in both orders',
        sql: `WITH c AS (SELECT DISTINCT session_id, product_id FROM fact_events WHERE event_type = 'add_to_cart') SELECT a.product_id, b.product_id, COUNT(*) FROM c a JOIN c b ON b.session_id = a.session_id AND a.product_id <> b.product_id GROUP BY 1, 2`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Pairs any events of the session, not only carted products',
        sql: `WITH c AS (SELECT DISTINCT session_id, product_id FROM fact_events WHERE product_id IS NOT NULL) SELECT a.product_id, b.product_id, COUNT(*) FROM c a JOIN c b ON b.session_id = a.session_id AND a.product_id < b.product_id GROUP BY 1, 2`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'quarantine-reason-matrix',
    title: 'Quarantine reasons as a matrix',
    difficulty: 'medium',
    topics: ['pivot', 'conditional-aggregation', 'data-quality'],
    statement:
      'Return one row per entity in quarantine with the count of rejected records per reason_code in these columns: MISSING_FIELD, NULL_REQUIRED, TYPE_MISMATCH, ORPHAN_KEY, then every other code together, then the total. Missing combinations are 0.',
    expectedColumns: [
      { name: 'entity', description: '' },
      { name: 'missing_field', description: '' },
      { name: 'null_required', description: '' },
      { name: 'type_mismatch', description: '' },
      { name: 'orphan_key', description: '' },
      { name: 'other', description: 'every other reason_code' },
      { name: 'total', description: '' },
    ],
    ordered: false,
    solution: `SELECT entity,
       COUNT(*) FILTER (WHERE reason_code = 'MISSING_FIELD') AS missing_field,
       COUNT(*) FILTER (WHERE reason_code = 'NULL_REQUIRED') AS null_required,
       COUNT(*) FILTER (WHERE reason_code = 'TYPE_MISMATCH') AS type_mismatch,
       COUNT(*) FILTER (WHERE reason_code = 'ORPHAN_KEY') AS orphan_key,
       COUNT(*) FILTER (WHERE reason_code NOT IN ('MISSING_FIELD', 'NULL_REQUIRED', 'TYPE_MISMATCH', 'ORPHAN_KEY')) AS other,
       COUNT(*) AS total
FROM quarantine
GROUP BY entity`,
    explanation:
      "Conditional aggregation is the portable pivot: one COUNT(*) FILTER (or SUM(CASE …)) per output column, and the columns stay fixed when a code is absent, which a dashboard needs. DuckDB's PIVOT makes one column per value it finds, so the columns change between runs; the 'other' bucket keeps the row total equal to the sum of the columns when a new code appears.",
    hints: [
      'One output column per code: which aggregate counts only some rows?',
      "COUNT(*) FILTER (WHERE reason_code = 'MISSING_FIELD')",
      'The other column is NOT IN the four codes; total is COUNT(*).',
    ],
    lessons: ['data-quality', 'schema-evolution'],
    wrongAnswers: [
      {
        mistake: 'One row per entity and code instead of a matrix',
        sql: `SELECT entity, reason_code, COUNT(*) FROM quarantine GROUP BY 1, 2`,
        expected: 'wrong_column_count',
      },
      {
        mistake: 'The other bucket counts every row, so the columns no longer add up to the total',
        sql: `SELECT entity, COUNT(*) FILTER (WHERE reason_code = 'MISSING_FIELD'), COUNT(*) FILTER (WHERE reason_code = 'NULL_REQUIRED'), COUNT(*) FILTER (WHERE reason_code = 'TYPE_MISMATCH'), COUNT(*) FILTER (WHERE reason_code = 'ORPHAN_KEY'), COUNT(*), COUNT(*) FROM quarantine GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'view-to-cart-latency',
    title: 'From product view to add to cart',
    difficulty: 'hard',
    topics: ['asof-join', 'window-functions', 'percentiles'],
    statement:
      'For every add_to_cart event, find the latest product_view of the same product in the same session at or before it. Return per product category (dim_product) the number of such add_to_cart events and the median seconds from that view to the add_to_cart (continuous). add_to_cart events with no earlier view of the product are left out.',
    expectedColumns: [
      { name: 'category', description: '' },
      { name: 'carts', description: 'add_to_cart events with an earlier view' },
      { name: 'median_seconds', description: '' },
    ],
    ordered: false,
    solution: `WITH carts AS (
  SELECT session_id, product_id, event_ts FROM fact_events WHERE event_type = 'add_to_cart'
), views AS (
  SELECT session_id, product_id, event_ts FROM fact_events WHERE event_type = 'product_view'
)
SELECT p.category, COUNT(*) AS carts, MEDIAN(EPOCH(c.event_ts - v.event_ts)) AS median_seconds
FROM carts c
ASOF JOIN views v
  ON v.session_id = c.session_id AND v.product_id = c.product_id AND v.event_ts <= c.event_ts
JOIN dim_product p ON p.product_id = c.product_id
GROUP BY p.category`,
    explanation:
      "An ASOF join matches each row to the nearest earlier row of the other side (one match, by the inequality) within the equality keys: exactly 'the latest view before the cart'. Without ASOF, a plain join on session and product matches every earlier view and measures from all of them; the window equivalent is MAX(view time) over earlier rows. The same join builds point-in-time features for ML training without leaking the future.",
    hints: [
      'Which view counts? The last one before the cart, per session and product.',
      "DuckDB's ASOF JOIN takes equality keys plus one inequality: v.event_ts <= c.event_ts.",
      'Join the result to dim_product and take MEDIAN(EPOCH(cart_ts − view_ts)) per category.',
    ],
    lessons: ['stream-processing', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'A plain join matches every earlier view, not the latest',
        sql: `WITH c AS (SELECT session_id, product_id, event_ts FROM fact_events WHERE event_type = 'add_to_cart'), v AS (SELECT session_id, product_id, event_ts FROM fact_events WHERE event_type = 'product_view')
SELECT p.category, COUNT(*), MEDIAN(EPOCH(c.event_ts - v.event_ts)) FROM c JOIN v ON v.session_id = c.session_id AND v.product_id = c.product_id AND v.event_ts <= c.event_ts JOIN dim_product p ON p.product_id = c.product_id GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Measures from the first view of the product in the session',
        sql: `WITH c AS (SELECT session_id, product_id, event_ts FROM fact_events WHERE event_type = 'add_to_cart'), v AS (SELECT session_id, product_id, MIN(event_ts) AS first_view FROM fact_events WHERE event_type = 'product_view' GROUP BY 1, 2)
SELECT p.category, COUNT(*), MEDIAN(EPOCH(c.event_ts - v.first_view)) FROM c JOIN v ON v.session_id = c.session_id AND v.product_id = c.product_id AND v.first_view <= c.event_ts JOIN dim_product p ON p.product_id = c.product_id GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'ordered-funnel-with-window',
    title: 'An ordered funnel with a conversion window',
    difficulty: 'hard',
    topics: ['funnel', 'conversion-window', 'ordering'],
    statement:
      'An ordered funnel with a 5-minute conversion window per step. Step 1: the session has a product_view (its first one is the step time). Step 2: an add_to_cart later than step 1 and at most 5 minutes after it (the first such cart is the step time). Step 3: a purchase later than step 2 and at most 5 minutes after it. Return one row: the sessions reaching step 1, 2 and 3.',
    expectedColumns: [
      { name: 'viewed', description: '' },
      { name: 'carted', description: 'within 5 minutes of the first view' },
      { name: 'purchased', description: 'within 5 minutes of that cart' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `WITH step1 AS (
  SELECT session_id, MIN(event_ts) AS at FROM fact_events WHERE event_type = 'product_view' GROUP BY 1
), step2 AS (
  SELECT e.session_id, MIN(e.event_ts) AS at
  FROM fact_events e
  JOIN step1 s ON s.session_id = e.session_id AND e.event_ts > s.at AND e.event_ts <= s.at + INTERVAL 5 MINUTE
  WHERE e.event_type = 'add_to_cart'
  GROUP BY 1
), step3 AS (
  SELECT DISTINCT e.session_id
  FROM fact_events e
  JOIN step2 s ON s.session_id = e.session_id AND e.event_ts > s.at AND e.event_ts <= s.at + INTERVAL 5 MINUTE
  WHERE e.event_type = 'purchase'
)
SELECT (SELECT COUNT(*) FROM step1) AS viewed,
       (SELECT COUNT(*) FROM step2) AS carted,
       (SELECT COUNT(*) FROM step3) AS purchased`,
    explanation:
      "Product analytics tools (Amplitude, Mixpanel) report ordered funnels with a conversion window: each step counts only if it follows the previous step's time within the window, so each step's time depends on the one before and the CTEs chain. An unordered count of sessions per event type answers another question and is always at least as large. Which step time anchors the next (first or any occurrence) is part of the definition: say it.",
    hints: [
      "Step 1's time: the session's first product_view.",
      'Step 2: the first add_to_cart with at > step-1 time and at <= step-1 time + INTERVAL 5 MINUTE.',
      'Step 3: any purchase in (step-2 time, step-2 time + 5 minutes]; count each step.',
    ],
    lessons: ['star-schema-modelling', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'Unordered: counts sessions that did each step at any time',
        sql: `SELECT COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'product_view'), COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'add_to_cart'), COUNT(DISTINCT session_id) FILTER (WHERE event_type = 'purchase') FROM fact_events`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Ordered but without the conversion window',
        sql: `WITH a AS (SELECT session_id, MIN(event_ts) AS at FROM fact_events WHERE event_type = 'product_view' GROUP BY 1), b AS (SELECT e.session_id, MIN(e.event_ts) AS at FROM fact_events e JOIN a ON a.session_id = e.session_id AND e.event_ts > a.at WHERE e.event_type = 'add_to_cart' GROUP BY 1), c AS (SELECT DISTINCT e.session_id FROM fact_events e JOIN b ON b.session_id = e.session_id AND e.event_ts > b.at WHERE e.event_type = 'purchase')
SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM b), (SELECT COUNT(*) FROM c)`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'new-vs-returning-users',
    title: 'New and returning users per day',
    difficulty: 'medium',
    topics: ['window-functions', 'cohorts'],
    statement:
      'For each day with events (UTC date of event_ts), return the active users whose first event in the whole run is on that day (new) and the active users whose first event was on an earlier day (returning).',
    expectedColumns: [
      { name: 'day', description: 'DATE' },
      { name: 'new_users', description: '' },
      { name: 'returning_users', description: '' },
    ],
    ordered: false,
    solution: `WITH active AS (
  SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events
), firsts AS (
  SELECT user_id, MIN(day) AS first_day FROM active GROUP BY user_id
)
SELECT a.day,
       COUNT(*) FILTER (WHERE a.day = f.first_day) AS new_users,
       COUNT(*) FILTER (WHERE a.day > f.first_day) AS returning_users
FROM active a JOIN firsts f USING (user_id)
GROUP BY a.day`,
    explanation:
      "'New' is relative to the whole history, not to the day: the first day has to come from a separate aggregate (or MIN(day) OVER (PARTITION BY user_id)) before comparing. In a real product the history starts before the data window, so a run's first day would count every returning user as new; new-user counts need the full history or the signup date.",
    hints: [
      'Distinct (user, day) pairs first.',
      "Each user's first active day over the whole run: MIN(day) per user.",
      'Per day, count pairs where day = first_day (new) and day > first_day (returning).',
    ],
    lessons: ['star-schema-modelling', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'First day computed within each day, so every user is new',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events), f AS (SELECT user_id, day, MIN(day) OVER (PARTITION BY user_id, day) AS first_day FROM a)
SELECT day, COUNT(*) FILTER (WHERE day = first_day), COUNT(*) FILTER (WHERE day > first_day) FROM f GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Counts events, not users',
        sql: `WITH f AS (SELECT user_id, MIN(CAST(event_ts AS DATE)) AS first_day FROM fact_events GROUP BY 1)
SELECT CAST(e.event_ts AS DATE) AS day, COUNT(*) FILTER (WHERE CAST(e.event_ts AS DATE) = f.first_day), COUNT(*) FILTER (WHERE CAST(e.event_ts AS DATE) > f.first_day) FROM fact_events e JOIN f USING (user_id) GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'events-before-first-purchase',
    title: 'How long sessions take to convert',
    difficulty: 'medium',
    topics: ['sessionization', 'conditional-aggregation'],
    statement:
      "For sessions (session_id) with at least one purchase event: the events before the session's first purchase (event_ts strictly earlier), and the minutes from the session's first event to its first purchase. Return per referrer (a session has one referrer) the number of such sessions, the average events before the purchase and the average minutes.",
    expectedColumns: [
      { name: 'referrer', description: '' },
      { name: 'converting_sessions', description: '' },
      { name: 'avg_events_before', description: '' },
      { name: 'avg_minutes', description: '' },
    ],
    ordered: false,
    solution: `WITH s AS (
  SELECT session_id, ANY_VALUE(referrer) AS referrer, MIN(event_ts) AS started,
         MIN(event_ts) FILTER (WHERE event_type = 'purchase') AS purchased_at
  FROM fact_events
  GROUP BY session_id
  HAVING COUNT(*) FILTER (WHERE event_type = 'purchase') > 0
), before AS (
  SELECT s.session_id, COUNT(*) FILTER (WHERE e.event_ts < s.purchased_at) AS events_before
  FROM s JOIN fact_events e USING (session_id)
  GROUP BY s.session_id
)
SELECT s.referrer, COUNT(*) AS converting_sessions,
       AVG(b.events_before) AS avg_events_before,
       AVG(EPOCH(s.purchased_at - s.started) / 60) AS avg_minutes
FROM s JOIN before b USING (session_id)
GROUP BY s.referrer`,
    explanation:
      'Time-to-convert needs two per-session facts (start and first purchase) and a count relative to one of them, so aggregate per session twice and only then per referrer. A checkout writes one purchase event per order line, so "the purchase" is the first purchase event; counting up to the last one would add the other lines of the same order.',
    hints: [
      'Per session: start, first purchase time, referrer; keep sessions with a purchase.',
      "Join back to the session's events to count those strictly before the first purchase.",
      'Average per referrer: events before, and EPOCH(purchased_at − started) / 60.',
    ],
    lessons: ['stream-processing', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Counts every event of the converting session',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(referrer) AS referrer, COUNT(*) AS n, MIN(event_ts) AS st, MIN(event_ts) FILTER (WHERE event_type = 'purchase') AS p FROM fact_events GROUP BY 1 HAVING p IS NOT NULL)
SELECT referrer, COUNT(*), AVG(n), AVG(EPOCH(p - st) / 60) FROM s GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Measures to the last purchase event of the session',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(referrer) AS referrer, MIN(event_ts) AS st, MIN(event_ts) FILTER (WHERE event_type = 'purchase') AS p, MAX(event_ts) FILTER (WHERE event_type = 'purchase') AS lp FROM fact_events GROUP BY 1 HAVING p IS NOT NULL), b AS (SELECT s.session_id, COUNT(*) FILTER (WHERE e.event_ts < s.lp) AS n FROM s JOIN fact_events e USING (session_id) GROUP BY 1)
SELECT s.referrer, COUNT(*), AVG(b.n), AVG(EPOCH(s.lp - s.st) / 60) FROM s JOIN b USING (session_id) GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'days-to-first-order-by-segment',
    title: 'Days from signup to first order',
    difficulty: 'medium',
    topics: ['aggregation', 'dates', 'percentiles'],
    statement:
      "For every segment (of the user's current dim_user version), return the number of users with at least one order (any status), and the median number of days from signup_ts to their first order_ts (continuous median of fractional days).",
    expectedColumns: [
      { name: 'segment', description: '' },
      { name: 'buyers', description: '' },
      { name: 'median_days', description: 'fractional days' },
    ],
    ordered: false,
    solution: `WITH firsts AS (
  SELECT user_id, MIN(order_ts) AS first_order FROM fact_orders GROUP BY user_id
)
SELECT u.segment, COUNT(*) AS buyers,
       MEDIAN(EPOCH(f.first_order - u.signup_ts) / 86400) AS median_days
FROM firsts f
JOIN dim_user u ON u.user_id = f.user_id AND u.is_current
GROUP BY u.segment`,
    explanation:
      "Reduce to one first order per user before joining, and join one version of the user (here the current one), or a user with three versions counts three times. Most users signed up before the run's window, so the figure mixes old and new users: a real analysis would split by signup cohort.",
    hints: [
      "Each user's first order: MIN(order_ts) per user.",
      'Join the current version of the user for the segment and signup_ts.',
      'MEDIAN(EPOCH(first_order − signup_ts) / 86400) per segment.',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Joins every version of the user: buyers with several versions count several times',
        sql: `WITH f AS (SELECT user_id, MIN(order_ts) AS fo FROM fact_orders GROUP BY 1) SELECT u.segment, COUNT(*), MEDIAN(EPOCH(f.fo - u.signup_ts) / 86400) FROM f JOIN dim_user u ON u.user_id = f.user_id GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Uses every order, not the first one',
        sql: `SELECT u.segment, COUNT(DISTINCT o.user_id), MEDIAN(EPOCH(o.order_ts - u.signup_ts) / 86400) FROM fact_orders o JOIN dim_user u ON u.user_id = o.user_id AND u.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'session-size-buckets',
    title: 'Sessions by number of events',
    difficulty: 'easy',
    topics: ['aggregation', 'case', 'histogram'],
    statement:
      "Count the events of each session (session_id) and put the session in a bucket: '1' (one event), '2-5', '6-10' or '11+'. Return each bucket that has sessions with its number of sessions and their share of all sessions.",
    expectedColumns: [
      { name: 'bucket', description: "'1' | '2-5' | '6-10' | '11+'" },
      { name: 'sessions', description: '' },
      { name: 'share', description: 'fraction of all sessions' },
    ],
    ordered: false,
    solution: `WITH s AS (
  SELECT session_id, COUNT(*) AS events FROM fact_events GROUP BY session_id
)
SELECT CASE WHEN events = 1 THEN '1' WHEN events <= 5 THEN '2-5' WHEN events <= 10 THEN '6-10' ELSE '11+' END AS bucket,
       COUNT(*) AS sessions,
       COUNT(*) / SUM(COUNT(*)) OVER () AS share
FROM s
GROUP BY 1`,
    explanation:
      'Two levels of aggregation: events per session, then sessions per bucket. A CASE evaluates its branches in order, so each WHEN only needs the upper bound. The share uses a window over the grouped rows, the total of all buckets, so the shares add up to 1.',
    hints: [
      'First one row per session with its event count.',
      'CASE WHEN events = 1 THEN … WHEN events <= 5 THEN … builds the bucket.',
      'Group by the bucket; share = COUNT(*) / SUM(COUNT(*)) OVER ().',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: "Buckets events instead of sessions: each event counted in its session's bucket",
        sql: `WITH s AS (SELECT session_id, COUNT(*) AS events FROM fact_events GROUP BY 1) SELECT CASE WHEN s.events = 1 THEN '1' WHEN s.events <= 5 THEN '2-5' WHEN s.events <= 10 THEN '6-10' ELSE '11+' END, COUNT(*), COUNT(*) / SUM(COUNT(*)) OVER () FROM fact_events e JOIN s USING (session_id) GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: "Bounds off by one: a 5-event session lands in '6-10'",
        sql: `WITH s AS (SELECT session_id, COUNT(*) AS events FROM fact_events GROUP BY 1) SELECT CASE WHEN events = 1 THEN '1' WHEN events < 5 THEN '2-5' WHEN events < 10 THEN '6-10' ELSE '11+' END, COUNT(*), COUNT(*) / SUM(COUNT(*)) OVER () FROM s GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'arrival-delay-percentiles',
    title: 'How late events arrive, by device',
    difficulty: 'medium',
    topics: ['late-data', 'percentiles', 'streaming'],
    statement:
      'The arrival delay of an event is ingested_at − event_ts, in seconds. For each device return the number of events, the median delay and the 99th percentile delay (both continuous) and the number of events flagged is_late.',
    expectedColumns: [
      { name: 'device', description: '' },
      { name: 'events', description: '' },
      { name: 'p50_seconds', description: '' },
      { name: 'p99_seconds', description: '' },
      { name: 'late_events', description: 'is_late' },
    ],
    ordered: false,
    solution: `SELECT device,
       COUNT(*) AS events,
       QUANTILE_CONT(EPOCH(ingested_at - event_ts), 0.5) AS p50_seconds,
       QUANTILE_CONT(EPOCH(ingested_at - event_ts), 0.99) AS p99_seconds,
       COUNT(*) FILTER (WHERE is_late) AS late_events
FROM fact_events
GROUP BY device`,
    explanation:
      "The delay distribution is what a streaming job's watermark must be set from: a watermark that waits for the p99 delay drops about 1 % of events as late, one that waits for the maximum waits for the slowest phone. Mobile clients batch and retry, so their tail is longer. The mean is useless here: a few events hours late (the run's injected late events) move it while the median does not.",
    hints: [
      'EPOCH(ingested_at − event_ts) is the delay in seconds.',
      'QUANTILE_CONT(x, 0.5) and QUANTILE_CONT(x, 0.99) per device.',
      'COUNT(*) FILTER (WHERE is_late) counts the flagged ones.',
    ],
    lessons: ['stream-processing', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'Subtracts the other way round: negative delays',
        sql: `SELECT device, COUNT(*), QUANTILE_CONT(EPOCH(event_ts - ingested_at), 0.5), QUANTILE_CONT(EPOCH(event_ts - ingested_at), 0.99), COUNT(*) FILTER (WHERE is_late) FROM fact_events GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Mean instead of the median',
        sql: `SELECT device, COUNT(*), AVG(EPOCH(ingested_at - event_ts)), QUANTILE_CONT(EPOCH(ingested_at - event_ts), 0.99), COUNT(*) FILTER (WHERE is_late) FROM fact_events GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'tier-at-first-order-vs-now',
    title: 'Loyalty tier at the first order and today',
    difficulty: 'hard',
    topics: ['scd2', 'point-in-time-join', 'transition-matrix'],
    statement:
      'For every user with an order, take their loyalty tier when they placed their first order (the dim_user version valid at that order_ts) and their current tier. Return each (tier at first order, current tier) pair that occurs with its number of users.',
    expectedColumns: [
      { name: 'tier_at_first_order', description: '' },
      { name: 'tier_now', description: '' },
      { name: 'users', description: '' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH first_orders AS (
  SELECT user_id, MIN(order_ts) AS first_order_ts FROM fact_orders GROUP BY user_id
)
SELECT then_v.loyalty_tier AS tier_at_first_order, now_v.loyalty_tier AS tier_now, COUNT(*) AS users
FROM first_orders f
JOIN dim_user then_v ON then_v.user_id = f.user_id AND f.first_order_ts >= then_v.valid_from AND f.first_order_ts < then_v.valid_to
JOIN dim_user now_v ON now_v.user_id = f.user_id AND now_v.is_current
GROUP BY 1, 2`,
    explanation:
      'A transition matrix between two points in time: one version of the dimension per point, each found by its own condition (the validity interval for the past, is_current for today). Most users stay on the diagonal; the off-diagonal cells are the upgrades a loyalty team wants to attribute to first purchases. Reduce to one first order per user before joining, or a user is counted once per order.',
    hints: [
      "Each user's first order time first.",
      'Join dim_user twice: the version valid at that time, and the current version.',
      'GROUP BY the two tiers and count users.',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Counts every order, not every user',
        sql: `SELECT t.loyalty_tier, c.loyalty_tier, COUNT(*) FROM fact_orders o JOIN dim_user t ON t.user_id = o.user_id AND o.order_ts >= t.valid_from AND o.order_ts < t.valid_to JOIN dim_user c ON c.user_id = o.user_id AND c.is_current GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Uses the current version for both columns: nobody ever changes tier',
        sql: `WITH f AS (SELECT DISTINCT user_id FROM fact_orders) SELECT c.loyalty_tier, c.loyalty_tier, COUNT(*) FROM f JOIN dim_user c ON c.user_id = f.user_id AND c.is_current GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
    ],
  },
];
