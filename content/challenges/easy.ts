import type { Challenge } from '@/content/schema/challenge';

/** Easy: one table or one join, GROUP BY, a filter that matters. */
export const easyChallenges: Challenge[] = [
  {
    id: 'orders-by-status',
    title: 'Orders and revenue by status',
    difficulty: 'easy',
    topics: ['aggregation', 'group-by'],
    statement:
      'For every order status in fact_orders, return the status, the number of orders and the sum of their total. Include every status, cancelled ones too.',
    expectedColumns: [
      { name: 'status', description: 'placed | paid | shipped | delivered | cancelled | returned' },
      { name: 'orders', description: 'number of orders' },
      { name: 'total', description: 'sum of total' },
    ],
    ordered: false,
    solution: `SELECT status, COUNT(*) AS orders, SUM(total) AS total
FROM fact_orders
GROUP BY status`,
    explanation:
      'fact_orders has one row per order, so COUNT(*) counts orders. SUM over a DECIMAL(12,2) column stays exact (DuckDB widens it to DECIMAL(38,2)); the grader compares numbers with a tolerance anyway.',
    hints: [
      'One row per status: which clause makes groups?',
      'GROUP BY status, then COUNT(*) and SUM(total).',
      'SELECT status, COUNT(*), SUM(total) FROM fact_orders GROUP BY status — no WHERE clause.',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Counts distinct buyers instead of orders',
        sql: `SELECT status, COUNT(DISTINCT user_id) AS orders, SUM(total) FROM fact_orders GROUP BY status`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Filters out cancelled orders the statement asked to keep',
        sql: `SELECT status, COUNT(*), SUM(total) FROM fact_orders WHERE status <> 'cancelled' GROUP BY status`,
        expected: 'missing_rows',
      },
    ],
  },
  {
    id: 'events-per-day',
    title: 'Events per day',
    difficulty: 'easy',
    topics: ['aggregation', 'dates'],
    statement:
      'Return each calendar day (UTC, from event_ts) with the number of events in fact_events on that day.',
    expectedColumns: [
      { name: 'day', description: 'DATE' },
      { name: 'events', description: 'events on that day' },
    ],
    ordered: false,
    solution: `SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS events
FROM fact_events
GROUP BY 1`,
    explanation:
      'Casting the TIMESTAMP to DATE truncates it to the day. date_key (YYYYMMDD) would give the same groups but not a DATE column; joining dim_date on date_key is the star-schema way.',
    hints: [
      'Turn the timestamp into a day first.',
      'CAST(event_ts AS DATE), then GROUP BY it.',
      'SELECT CAST(event_ts AS DATE), COUNT(*) FROM fact_events GROUP BY 1',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Also groups by event type (one column too many)',
        sql: `SELECT CAST(event_ts AS DATE) AS day, event_type, COUNT(*) FROM fact_events GROUP BY 1, 2`,
        expected: 'wrong_column_count',
      },
      {
        mistake: 'Counts only page views',
        sql: `SELECT CAST(event_ts AS DATE) AS day, COUNT(*) FROM fact_events WHERE event_type = 'page_view' GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'events-by-weekday',
    title: 'Events by day of the week',
    difficulty: 'easy',
    topics: ['join', 'dimension', 'order-by'],
    statement:
      'Using dim_date, return the day name and the number of events for each day of the week that has events, ordered Monday first to Sunday last (ISO day_of_week).',
    expectedColumns: [
      { name: 'day_name', description: 'Monday …' },
      { name: 'events', description: 'events on that weekday' },
    ],
    ordered: true,
    solution: `SELECT d.day_name, COUNT(*) AS events
FROM fact_events e
JOIN dim_date d ON d.date_key = e.date_key
GROUP BY d.day_name, d.day_of_week
ORDER BY d.day_of_week`,
    explanation:
      'The date dimension carries calendar attributes so facts do not recompute them. Group by day_of_week as well as the name so you can sort by it: sorting by day_name would put Friday first.',
    hints: [
      'Join fact_events to dim_date on date_key.',
      'You need day_of_week in the GROUP BY to ORDER BY it.',
      'GROUP BY d.day_name, d.day_of_week ORDER BY d.day_of_week',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Sorts by the name alphabetically',
        sql: `SELECT d.day_name, COUNT(*) FROM fact_events e JOIN dim_date d ON d.date_key = e.date_key GROUP BY d.day_name ORDER BY d.day_name`,
        expected: 'wrong_order',
      },
      {
        mistake: 'Counts distinct users instead of events',
        sql: `SELECT d.day_name, COUNT(DISTINCT e.user_id) FROM fact_events e JOIN dim_date d ON d.date_key = e.date_key GROUP BY d.day_name, d.day_of_week ORDER BY d.day_of_week`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'products-never-sold',
    title: 'Products that never sold',
    difficulty: 'easy',
    topics: ['anti-join', 'left-join'],
    statement:
      'Return the product_id and name of every product in dim_product that appears on no order line.',
    expectedColumns: [
      { name: 'product_id', description: '' },
      { name: 'name', description: '' },
    ],
    ordered: false,
    solution: `SELECT p.product_id, p.name
FROM dim_product p
LEFT JOIN fact_order_lines l ON l.product_id = p.product_id
WHERE l.product_id IS NULL`,
    explanation:
      'An anti-join: keep the left rows whose right side found no match. NOT EXISTS is equivalent and often clearer; NOT IN misbehaves as soon as the subquery returns a NULL.',
    hints: [
      'Which join keeps products that have no lines?',
      'LEFT JOIN the lines, then keep rows where the line side is NULL.',
      'LEFT JOIN fact_order_lines l ON l.product_id = p.product_id WHERE l.product_id IS NULL',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'INNER JOIN then IS NULL: finds nothing',
        sql: `SELECT p.product_id, p.name FROM dim_product p JOIN fact_order_lines l ON l.product_id = p.product_id WHERE l.order_id IS NULL`,
        expected: 'missing_rows',
      },
      {
        mistake: 'LEFT JOIN without the IS NULL filter',
        sql: `SELECT DISTINCT p.product_id, p.name FROM dim_product p LEFT JOIN fact_order_lines l ON l.product_id = p.product_id`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'users-per-tier',
    title: 'Current users per loyalty tier',
    difficulty: 'easy',
    topics: ['scd2', 'aggregation'],
    statement:
      'dim_user keeps one row per version of a profile (SCD type 2). Return each loyalty_tier with the number of users whose current version has that tier.',
    expectedColumns: [
      { name: 'loyalty_tier', description: 'bronze | silver | gold | platinum' },
      { name: 'users', description: 'users currently in the tier' },
    ],
    ordered: false,
    solution: `SELECT loyalty_tier, COUNT(*) AS users
FROM dim_user
WHERE is_current
GROUP BY loyalty_tier`,
    explanation:
      "Each user has exactly one current version (is_current, valid_to = '9999-12-31'). Without the filter a user whose tier changed counts once per version, in every tier they ever had.",
    hints: [
      'How many rows does a user with three versions have?',
      'Keep only the current version of each user.',
      'WHERE is_current GROUP BY loyalty_tier',
    ],
    lessons: ['slowly-changing-dimensions'],
    wrongAnswers: [
      {
        mistake: 'Counts every version, not every user',
        sql: `SELECT loyalty_tier, COUNT(*) FROM dim_user GROUP BY loyalty_tier`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Uses the first version instead of the current one',
        sql: `SELECT loyalty_tier, COUNT(*) FROM dim_user WHERE version = 1 GROUP BY loyalty_tier`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'quarantine-reasons',
    title: 'Why records were rejected',
    difficulty: 'easy',
    topics: ['data-quality', 'order-by'],
    statement:
      'From quarantine, return entity, reason_code and the number of rejected records, most frequent first; break ties by entity, then reason_code (both ascending).',
    expectedColumns: [
      { name: 'entity', description: '' },
      { name: 'reason_code', description: '' },
      { name: 'rejected', description: '' },
    ],
    ordered: true,
    keyColumns: [0, 1],
    solution: `SELECT entity, reason_code, COUNT(*) AS rejected
FROM quarantine
GROUP BY entity, reason_code
ORDER BY rejected DESC, entity, reason_code`,
    explanation:
      'Every rejected record is kept with its reason, so this is the data-quality report of your run. A deterministic ORDER BY needs a tie-breaker: many reasons share a count.',
    hints: [
      'Group by two columns.',
      'ORDER BY the count descending — and what decides ties?',
      'ORDER BY rejected DESC, entity, reason_code',
    ],
    lessons: ['data-quality'],
    wrongAnswers: [
      {
        mistake: 'Least frequent first',
        sql: `SELECT entity, reason_code, COUNT(*) AS rejected FROM quarantine GROUP BY 1, 2 ORDER BY rejected, entity, reason_code`,
        expected: 'wrong_order',
      },
      {
        mistake: 'Groups by reason only',
        sql: `SELECT 'events' AS entity, reason_code, COUNT(*) AS rejected FROM quarantine GROUP BY reason_code ORDER BY rejected DESC, reason_code`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'late-share-by-type',
    title: 'Late arrivals by event type',
    difficulty: 'easy',
    topics: ['data-quality', 'conditional-aggregation', 'late-data'],
    statement:
      'Your run injects late events (is_late: ingested long after event_ts). For each event_type return the number of events, the number of late events and the late percentage (100 × late / events).',
    expectedColumns: [
      { name: 'event_type', description: '' },
      { name: 'events', description: '' },
      { name: 'late_events', description: '' },
      { name: 'late_pct', description: 'between 0 and 100' },
    ],
    ordered: false,
    solution: `SELECT event_type,
       COUNT(*) AS events,
       COUNT(*) FILTER (WHERE is_late) AS late_events,
       100 * COUNT(*) FILTER (WHERE is_late) / COUNT(*) AS late_pct
FROM fact_events
GROUP BY event_type`,
    explanation:
      "COUNT(*) FILTER (WHERE …) is conditional aggregation (SUM(CASE WHEN is_late THEN 1 ELSE 0 END) elsewhere). In DuckDB / between integers is float division; in Postgres integer / integer truncates (here to a whole percent, since 100 * is applied first); // is DuckDB's integer division.",
    hints: [
      'Count two things in one pass over the table.',
      'COUNT(*) FILTER (WHERE is_late), or SUM(CASE …).',
      'COUNT(is_late) counts non-NULL values, not true ones.',
    ],
    lessons: ['data-quality', 'stream-processing'],
    wrongAnswers: [
      {
        mistake: 'COUNT(is_late) counts false too',
        sql: `SELECT event_type, COUNT(*), COUNT(is_late), 100 * COUNT(is_late) / COUNT(*) FROM fact_events GROUP BY event_type`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Integer division truncates the share',
        sql: `SELECT event_type, COUNT(*), COUNT(*) FILTER (WHERE is_late), 100 * COUNT(*) FILTER (WHERE is_late) // COUNT(*) FROM fact_events GROUP BY event_type`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'aov-by-payment',
    title: 'Average order value by payment method',
    difficulty: 'easy',
    topics: ['aggregation', 'filter'],
    statement:
      'Excluding cancelled orders, return each payment_method with its number of orders and average order total.',
    expectedColumns: [
      { name: 'payment_method', description: '' },
      { name: 'orders', description: '' },
      { name: 'avg_total', description: 'average of total' },
    ],
    ordered: false,
    solution: `SELECT payment_method, COUNT(*) AS orders, AVG(total) AS avg_total
FROM fact_orders
WHERE status <> 'cancelled'
GROUP BY payment_method`,
    explanation:
      'A cancelled order was never paid, so it must not move the average. AVG of a DECIMAL returns a DOUBLE in DuckDB; rounding it to cents is fine: the grader accepts a value rounded to 2–4 decimals when the exact average rounds to it.',
    hints: [
      'Which orders should not count?',
      "WHERE status <> 'cancelled' before grouping.",
      'AVG(total), not AVG(subtotal): total includes discount and shipping.',
    ],
    lessons: ['star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Averages the subtotal',
        sql: `SELECT payment_method, COUNT(*), AVG(subtotal) FROM fact_orders WHERE status <> 'cancelled' GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Keeps cancelled orders',
        sql: `SELECT payment_method, COUNT(*), AVG(total) FROM fact_orders GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
];
