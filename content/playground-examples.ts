/**
 * Example queries for the playground, at least one per mart, written against pipeline/contracts/warehouse.ts.
 * Each says what it teaches so the list doubles as a tour of the warehouse.
 */
export interface PlaygroundExample {
  id: string;
  title: string;
  /** The table the example is about: a mart, fact or dimension of the contract. */
  table: string;
  teaches: string;
  sql: string;
}

export const playgroundExamples: readonly PlaygroundExample[] = [
  {
    id: 'daily-revenue',
    title: 'Revenue per day',
    table: 'mart_daily_revenue',
    teaches:
      'A daily mart is a pre-aggregated GROUP BY: read it instead of scanning the facts on every dashboard load.',
    sql: 'SELECT date, revenue\nFROM mart_daily_revenue\nORDER BY date;\n',
  },
  {
    id: 'revenue-check',
    title: 'Reconcile the revenue mart with the facts',
    table: 'mart_daily_revenue',
    teaches:
      'A mart must agree with the facts it came from: recompute it and compare (expect zero mismatched days).',
    sql: `WITH recomputed AS (
  SELECT CAST(order_ts AS DATE) AS date, sum(total) AS revenue
  FROM fact_orders
  WHERE status NOT IN ('cancelled', 'returned')
  GROUP BY 1
)
SELECT count(*) AS mismatched_days
FROM mart_daily_revenue m
LEFT JOIN recomputed r USING (date)
WHERE m.revenue <> coalesce(r.revenue, 0);
`,
  },
  {
    id: 'funnel',
    title: 'Funnel conversion by step',
    table: 'mart_funnel',
    teaches: 'Sessions that reached each step, summed over the days, and the step-to-step conversion.',
    sql: `SELECT step_order, step, sum(sessions) AS sessions
FROM mart_funnel
GROUP BY step_order, step
ORDER BY step_order;
`,
  },
  {
    id: 'top-products',
    title: 'Top 10 products by revenue',
    table: 'mart_top_products',
    teaches: 'rank() leaves gaps after ties; row_number() would break ties arbitrarily.',
    sql: 'SELECT rank, name, category, units, revenue\nFROM mart_top_products\nORDER BY rank\nLIMIT 10;\n',
  },
  {
    id: 'cohort-retention',
    title: 'Weekly cohort retention',
    table: 'mart_cohort_retention',
    teaches: 'Retention is active users over cohort size, per week since the first event.',
    sql: `SELECT cohort_week, week_offset, cohort_size, active_users, round(retention * 100, 1) AS retention_pct
FROM mart_cohort_retention
ORDER BY cohort_week, week_offset;
`,
  },
  {
    id: 'cart-abandonment',
    title: 'Cart abandonment per day',
    table: 'mart_cart_abandonment',
    teaches: 'Sessions that added to cart without buying, as a share of all carts.',
    sql: 'SELECT date, carts, abandoned, round(abandonment_rate * 100, 1) AS abandoned_pct\nFROM mart_cart_abandonment\nORDER BY date;\n',
  },
  {
    id: 'events-by-type',
    title: 'Events by type',
    table: 'fact_events',
    teaches: 'The GROUP BY every analytics engine is benchmarked on: a columnar scan of one column.',
    sql: 'SELECT event_type, count(*) AS events\nFROM fact_events\nGROUP BY event_type\nORDER BY events DESC;\n',
  },
  {
    id: 'scd2-point-in-time',
    title: 'Point-in-time join to an SCD type 2 dimension',
    table: 'dim_user',
    teaches: 'Join each order to the user version valid when it was placed, not to the current one.',
    sql: `SELECT u.segment, count(*) AS orders, sum(o.total) AS revenue
FROM fact_orders o
JOIN dim_user u
  ON u.user_id = o.user_id
 AND o.order_ts >= u.valid_from
 AND o.order_ts < u.valid_to
GROUP BY u.segment
ORDER BY revenue DESC;
`,
  },
  {
    id: 'quarantine-reasons',
    title: 'Why records were quarantined',
    table: 'quarantine',
    teaches: 'Rejected records are kept with a reason code: count them before deciding what to fix upstream.',
    sql: 'SELECT entity, reason_code, count(*) AS records\nFROM quarantine\nGROUP BY ALL\nORDER BY records DESC;\n',
  },
];
