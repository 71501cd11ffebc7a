import type { Challenge } from '@/content/schema/challenge';

const selfJoinRunningCount = `SELECT a.event_id, COUNT(*) AS events_so_far
FROM fact_events a
JOIN fact_events b ON b.user_id = a.user_id AND b.event_ts <= a.event_ts
GROUP BY a.event_id`;

const orJoin = `SELECT o.order_id, COUNT(*) AS linked_events
FROM fact_orders o
JOIN fact_events e
  ON e.order_id = o.order_id
  OR (e.session_id = o.session_id AND e.event_type = 'add_to_cart')
GROUP BY o.order_id`;

const countDistinctFanOut = `SELECT u.user_id,
       COUNT(DISTINCT v.event_id) AS views,
       COUNT(DISTINCT s.event_id) AS searches
FROM dim_user u
LEFT JOIN fact_events v ON v.user_id = u.user_id AND v.event_type = 'product_view'
LEFT JOIN fact_events s ON s.user_id = u.user_id AND s.event_type = 'search'
WHERE u.is_current
GROUP BY u.user_id`;

/**
 * Plan reading: the learner reads DuckDB's EXPLAIN ANALYZE of `plan.query` on their run. The SQL answer is either
 * what the plan showed, computed from the tables (so it differs per run), or a faster equivalent of the query.
 */
export const planReadingChallenges: Challenge[] = [
  {
    id: 'plan-hash-join-build-side',
    title: 'Plan reading: which side builds the hash table',
    difficulty: 'medium',
    topics: ['plan-reading', 'hash-join', 'filter-pushdown'],
    statement:
      'Show the plan of the query below on your run and answer the questions. Then write a query returning one row: the number of rows the hash join put into its hash table (its build side) and the number of rows the join emitted. Compute both from the tables: your query is graded on two other runs too, where the numbers differ.',
    expectedColumns: [
      { name: 'build_rows', description: 'rows that went into the hash table' },
      { name: 'join_rows', description: 'rows the HASH_JOIN emitted' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `SELECT (SELECT COUNT(*) FROM dim_product WHERE is_active) AS build_rows,
       (SELECT COUNT(*)
        FROM fact_events e JOIN dim_product p ON p.product_id = e.product_id
        WHERE e.event_type = 'product_view' AND p.is_active) AS join_rows`,
    explanation:
      "DuckDB's hash join builds a hash table from one input (the build side, drawn on the right in the text plan and second in the JSON) and streams the other through it (the probe side). The optimizer puts the side it estimates smaller on the build side, here the active products, and the filter on is_active is pushed into that scan, so the build side is COUNT(*) of active products, not of all products. The join emits one row per product view of an active product.",
    hints: [
      'In the text plan, the HASH_JOIN has two children: which one is drawn on the right?',
      'The scan under the build side shows Filters: is_active. Its row count is the build side.',
      'Two scalar subqueries: COUNT(*) of active products, and COUNT(*) of the join with both filters.',
    ],
    lessons: ['performance-tuning', 'spark-performance'],
    plan: {
      query: `SELECT p.category, COUNT(*) AS views
FROM fact_events e
JOIN dim_product p ON p.product_id = e.product_id
WHERE e.event_type = 'product_view' AND p.is_active
GROUP BY p.category`,
      questions: [
        {
          prompt: 'Which table was put into the hash table (the build side)?',
          options: [
            'fact_events',
            'dim_product',
            'Both: one hash table per table',
            'Neither: it is a nested-loop join',
          ],
          answer: 1,
          why: "The HASH_JOIN's second child (on the right in the text plan) scans dim_product. DuckDB builds on the side it estimates smaller, the active products, and probes with the product views.",
          fact: { kind: 'build-side', table: 'dim_product' },
        },
        {
          prompt: 'Where is p.is_active applied?',
          options: [
            'In the scan of dim_product (Filters)',
            'In a FILTER operator above the HASH_JOIN',
            'After the HASH_GROUP_BY',
          ],
          answer: 0,
          why: "The filter touches one table only, so the optimizer pushes it into that table's scan: the scan of dim_product lists it under Filters and emits only active products.",
          fact: { kind: 'scan-filter', table: 'dim_product', column: 'is_active' },
        },
      ],
    },
    wrongAnswers: [
      {
        mistake: 'Counts every product as the build side: the pushed-down filter is forgotten',
        sql: `SELECT (SELECT COUNT(*) FROM dim_product), (SELECT COUNT(*) FROM fact_events e JOIN dim_product p ON p.product_id = e.product_id WHERE e.event_type = 'product_view' AND p.is_active)`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Takes the product views (the probe side) for the build side',
        sql: `SELECT (SELECT COUNT(*) FROM fact_events WHERE event_type = 'product_view'), (SELECT COUNT(*) FROM fact_events e JOIN dim_product p ON p.product_id = e.product_id WHERE e.event_type = 'product_view' AND p.is_active)`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'plan-filter-through-aggregate',
    title: 'Plan reading: which filter moves below the GROUP BY',
    difficulty: 'medium',
    topics: ['plan-reading', 'filter-pushdown', 'aggregation'],
    statement:
      'Show the plan of the query below on your run and answer the questions. Then write a query returning one row: the rows the scan of fact_orders emitted, the groups the HASH_GROUP_BY emitted, and the rows the final FILTER kept, computed from the tables.',
    expectedColumns: [
      { name: 'scanned', description: 'rows out of the scan of fact_orders' },
      { name: 'groups', description: 'rows out of the HASH_GROUP_BY' },
      { name: 'kept', description: 'rows out of the FILTER' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `SELECT COUNT(*) AS scanned,
       COUNT(DISTINCT user_id) AS groups,
       (SELECT COUNT(*) FROM (
          SELECT user_id FROM fact_orders WHERE shipping_country = 'US'
          GROUP BY user_id HAVING SUM(total) > 100)) AS kept
FROM fact_orders
WHERE shipping_country = 'US'`,
    explanation:
      "A filter on a grouping key removes exactly the groups it would remove after grouping, so DuckDB pushes shipping_country = 'US' through the aggregate and the CTE into the scan (a CTE is not an optimization fence in DuckDB). A filter on an aggregate (spend > 100) can only run after the aggregation: it stays in a FILTER above the HASH_GROUP_BY, which is what HAVING means. Reading a plan, check that selective filters sit in the scans: rows never read cost nothing downstream.",
    hints: [
      'Which of the two outer filters is on a column that exists before the GROUP BY?',
      "The scan emits the US orders; the groups are (user, 'US') pairs, i.e. distinct US buyers.",
      'kept: the US buyers whose SUM(total) is over 100 (a GROUP BY … HAVING in a subquery).',
    ],
    lessons: ['performance-tuning', 'spark-performance'],
    plan: {
      query: `WITH spend AS (
  SELECT user_id, shipping_country, SUM(total) AS spend
  FROM fact_orders
  GROUP BY user_id, shipping_country
)
SELECT user_id, spend
FROM spend
WHERE shipping_country = 'US' AND spend > 100`,
      questions: [
        {
          prompt: "Where does shipping_country = 'US' take effect?",
          options: [
            'In the scan of fact_orders, before the GROUP BY',
            'In a FILTER after the HASH_GROUP_BY',
            'Nowhere early: the CTE is computed in full first',
          ],
          answer: 0,
          why: "The scan of fact_orders lists shipping_country='US' under Filters: the optimizer moved the outer filter through the CTE and the aggregate, because it is on a grouping key.",
          fact: { kind: 'scan-filter', table: 'fact_orders', column: 'shipping_country' },
        },
        {
          prompt: 'Where does spend > 100 take effect?',
          options: [
            'In the scan of fact_orders, on total',
            'In a FILTER above the HASH_GROUP_BY',
            'Inside the hash table of the HASH_GROUP_BY',
          ],
          answer: 1,
          why: 'spend exists only once the groups are summed, so the condition cannot move below the aggregate: a FILTER operator above the HASH_GROUP_BY applies it, and the scan has no filter on total.',
          fact: { kind: 'no-scan-filter', table: 'fact_orders', column: 'total' },
        },
      ],
    },
    wrongAnswers: [
      {
        mistake: 'Thinks the CTE is computed in full: counts every order as scanned and every group',
        sql: `SELECT (SELECT COUNT(*) FROM fact_orders), (SELECT COUNT(*) FROM (SELECT DISTINCT user_id, shipping_country FROM fact_orders)), (SELECT COUNT(*) FROM (SELECT user_id FROM fact_orders WHERE shipping_country = 'US' GROUP BY user_id HAVING SUM(total) > 100))`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Counts the buyers of every country as groups',
        sql: `SELECT COUNT(*) FILTER (WHERE shipping_country = 'US'), COUNT(DISTINCT user_id), (SELECT COUNT(*) FROM (SELECT user_id FROM fact_orders WHERE shipping_country = 'US' GROUP BY user_id HAVING SUM(total) > 100)) FROM fact_orders`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'plan-filter-above-window',
    title: 'Plan reading: a filter that cannot pass a window',
    difficulty: 'medium',
    topics: ['plan-reading', 'window-functions', 'filter-pushdown'],
    statement:
      'The query below finds the users whose first event was a search. Show its plan on your run and answer the questions. Then write a query returning one row: the rows the WINDOW operator numbered and the rows the FILTER kept, computed from the tables.',
    expectedColumns: [
      { name: 'numbered', description: 'rows into the WINDOW' },
      { name: 'kept', description: 'rows out of the FILTER' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `SELECT COUNT(*) AS numbered,
       (SELECT COUNT(*) FROM (
          SELECT event_type, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS n
          FROM fact_events)
        WHERE n = 1 AND event_type = 'search') AS kept
FROM fact_events`,
    explanation:
      "A window function sees the rows that reach it, so a filter on another column cannot move below it without changing the result: with only searches left, every user's first search would become row number 1. The plan therefore numbers every event and filters afterwards. Filters on the PARTITION BY columns are the exception: they remove whole partitions without renumbering the others, so an optimizer may push them below the window. When a question allows it, filter before the window yourself, in a subquery.",
    hints: [
      'Look at the scan of fact_events: does it list a filter?',
      'The WINDOW numbers every event; the FILTER applies n = 1 and the event type together.',
      'numbered is COUNT(*) of fact_events; kept is the number of users whose first event (by event_ts, event_id) is a search.',
    ],
    lessons: ['performance-tuning', 'stream-processing'],
    plan: {
      query: `WITH ranked AS (
  SELECT user_id, event_type, event_ts,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS n
  FROM fact_events
)
SELECT user_id, event_ts
FROM ranked
WHERE n = 1 AND event_type = 'search'`,
      questions: [
        {
          prompt: "Where is event_type = 'search' applied?",
          options: [
            'In the scan of fact_events',
            'In the FILTER above the WINDOW, together with n = 1',
            'Inside the WINDOW operator',
          ],
          answer: 1,
          why: "The scan of fact_events has no Filters line and the WINDOW numbers every event; the FILTER above it tests n = 1 and event_type = 'search' together.",
          fact: { kind: 'no-scan-filter', table: 'fact_events', column: 'event_type' },
        },
        {
          prompt: 'Why can the optimizer not push it into the scan?',
          options: [
            'Filtering first would change which event is row number 1 of each user',
            'Filters never cross a CTE in DuckDB',
            'event_type has no statistics',
            'The WINDOW operator needs the NULL rows',
          ],
          answer: 0,
          why: "Removing the non-search events before numbering would make each user's first search number 1, a different question. A pushdown must not change the result, so the filter waits for the window.",
          fact: { kind: 'operator', operator: 'WINDOW' },
        },
      ],
    },
    wrongAnswers: [
      {
        mistake: 'Assumes the filter was pushed down, so only searches were numbered',
        sql: `SELECT (SELECT COUNT(*) FROM fact_events WHERE event_type = 'search'), (SELECT COUNT(*) FROM (SELECT event_type, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts, event_id) AS n FROM fact_events) WHERE n = 1 AND event_type = 'search')`,
        expected: 'wrong_values',
      },
      {
        mistake: "Keeps each user's first search rather than users whose first event was a search",
        sql: `SELECT (SELECT COUNT(*) FROM fact_events), (SELECT COUNT(DISTINCT user_id) FROM fact_events WHERE event_type = 'search')`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'plan-self-join-running-count',
    title: 'Plan reading: the self-join that grows with the square',
    difficulty: 'hard',
    topics: ['plan-reading', 'window-functions', 'self-join', 'performance'],
    statement:
      "For every event, the query below counts the user's events at or before its event_ts. Show its plan on your run and answer the questions. Then write a faster query with the same result: it is graded for equality on three runs, no operator of its plan may emit more than 10 % of the original's peak rows, and both are timed on your run.",
    expectedColumns: [
      { name: 'event_id', description: '' },
      { name: 'events_so_far', description: "the user's events with event_ts <= this one's" },
    ],
    ordered: false,
    solution: `SELECT event_id,
       COUNT(*) OVER (PARTITION BY user_id ORDER BY event_ts) AS events_so_far
FROM fact_events`,
    explanation:
      "The self-join emits, per user, one row per pair (a, b) with b at or before a: about n²/2 rows for a user with n events, all collapsed again by the GROUP BY. A window function reads each user's events once, sorted. The default frame with ORDER BY is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which includes peers with the same event_ts: exactly b.event_ts <= a.event_ts. A ROWS frame or ROW_NUMBER would split events of a user that share an event_ts, so keep RANGE (the default) to stay equivalent on any data.",
    hints: [
      'Compare the row count out of the HASH_JOIN with the row count of fact_events.',
      'A running count per user is a window: COUNT(*) OVER (PARTITION BY user_id ORDER BY event_ts).',
      'Keep the default RANGE frame: events with the same event_ts must all count, as with <= in the join.',
    ],
    lessons: ['performance-tuning', 'spark-performance'],
    plan: {
      query: selfJoinRunningCount,
      questions: [
        {
          prompt: 'Which operator emits the most rows?',
          options: [
            'The scan of fact_events',
            "The HASH_JOIN: every pair of a user's events with b at or before a",
            'The HASH_GROUP_BY',
          ],
          answer: 1,
          why: 'The HASH_JOIN emits many times the rows of fact_events: each event paired with every earlier event of its user. The GROUP BY then shrinks them back to one row per event.',
          fact: { kind: 'peak-operator', operator: 'HASH_JOIN' },
        },
        {
          prompt: 'Why is it slow?',
          options: [
            "The join's output grows with the square of each user's event count",
            'DuckDB has no index on user_id',
            'The inequality forces a nested loop over all rows',
            'The GROUP BY spills to disk',
          ],
          answer: 0,
          why: 'The join is a hash join on user_id with event_ts >= event_ts checked on each match (both conditions are listed on the HASH_JOIN), so it is not a nested loop; the cost is the n²/2 matches per user that it emits.',
          fact: { kind: 'peak-operator', operator: 'HASH_JOIN' },
        },
      ],
      rewrite: { forbidOperators: [], maxPeakRowsShare: 0.1 },
    },
    wrongAnswers: [
      {
        mistake: "No ORDER BY in the window: every event gets the user's total",
        sql: `SELECT event_id, COUNT(*) OVER (PARTITION BY user_id) FROM fact_events`,
        expected: 'wrong_values',
      },
      {
        mistake: "No PARTITION BY: counts every user's earlier events",
        sql: `SELECT event_id, COUNT(*) OVER (ORDER BY event_ts) FROM fact_events`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'plan-or-join',
    title: 'Plan reading: an OR in the join condition',
    difficulty: 'hard',
    topics: ['plan-reading', 'nested-loop-join', 'union-all', 'performance'],
    statement:
      'For each order, the query below counts the events linked to it: its purchase events (same order_id) and the add_to_cart events of its session. Show its plan on your run and answer the questions. Then write a query with the same result whose plan has no nested-loop join (BLOCKWISE_NL_JOIN, NESTED_LOOP_JOIN or CROSS_PRODUCT); both are timed on your run.',
    expectedColumns: [
      { name: 'order_id', description: '' },
      { name: 'linked_events', description: '' },
    ],
    ordered: false,
    solution: `SELECT order_id, COUNT(*) AS linked_events
FROM (
  SELECT o.order_id FROM fact_orders o JOIN fact_events e ON e.order_id = o.order_id
  UNION ALL
  SELECT o.order_id FROM fact_orders o JOIN fact_events e ON e.session_id = o.session_id AND e.event_type = 'add_to_cart'
)
GROUP BY order_id`,
    explanation:
      "A hash join needs an equality that every matching pair satisfies. With OR, a pair can match through either branch, so there is no single key, and DuckDB compares blocks of events with blocks of orders: |events| × |orders| comparisons, which grows 100× when both grow 10×. Splitting the OR into one hash join per branch makes each linear. UNION ALL is exact here because the branches are disjoint (only purchase events carry an order_id, and they are not add_to_cart events); when branches can overlap, de-duplicate the matched pairs (UNION over the pair's ids) or exclude the first branch's matches from the second. On a run of a few thousand events the nested loop is still fast: the timing shown is your run's, the growth is the point.",
    hints: [
      'Which join operator does the plan show, and what does it compare?',
      'Each side of the OR alone is an equality join that a hash join can do.',
      'Join once per branch, UNION ALL the matched order_ids (the branches never match the same event), then count per order.',
    ],
    lessons: ['performance-tuning', 'spark-performance'],
    plan: {
      query: orJoin,
      questions: [
        {
          prompt: 'Which join algorithm did DuckDB use?',
          options: [
            'A HASH_JOIN on order_id',
            'A BLOCKWISE_NL_JOIN: blocks of events compared with blocks of orders',
            'Two hash joins, one per branch of the OR',
            'A PIECEWISE_MERGE_JOIN',
          ],
          answer: 1,
          why: 'The plan shows a BLOCKWISE_NL_JOIN whose condition is the whole OR expression: no equality holds for every match, so no hash table can be built.',
          fact: { kind: 'operator', operator: 'BLOCKWISE_NL_JOIN' },
        },
        {
          prompt: 'How does its cost grow if a run has 10× more events and 10× more orders?',
          options: [
            'About 10×',
            'About 100×',
            'About the same: the join emits the same number of rows per order',
          ],
          answer: 1,
          why: 'A nested-loop join evaluates the condition for every (event, order) pair: 10 × 10 = 100 times the comparisons, whatever it emits.',
          fact: { kind: 'operator', operator: 'BLOCKWISE_NL_JOIN' },
        },
      ],
      rewrite: { forbidOperators: ['BLOCKWISE_NL_JOIN', 'NESTED_LOOP_JOIN', 'CROSS_PRODUCT'] },
    },
    wrongAnswers: [
      {
        mistake: 'UNION instead of UNION ALL: an order linked to several events is counted once',
        sql: `SELECT order_id, COUNT(*) FROM (SELECT o.order_id FROM fact_orders o JOIN fact_events e ON e.order_id = o.order_id UNION SELECT o.order_id FROM fact_orders o JOIN fact_events e ON e.session_id = o.session_id AND e.event_type = 'add_to_cart') GROUP BY order_id`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Keeps only the order_id branch',
        sql: `SELECT o.order_id, COUNT(*) FROM fact_orders o JOIN fact_events e ON e.order_id = o.order_id GROUP BY o.order_id`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'plan-count-distinct-fan-out',
    title: 'Plan reading: COUNT(DISTINCT) hiding a fan-out',
    difficulty: 'hard',
    topics: ['plan-reading', 'fan-out', 'conditional-aggregation', 'performance'],
    statement:
      "The query below counts each current user's product views and searches with two joins and COUNT(DISTINCT). Show its plan on your run and answer the questions. Then write a query with the same result in which no operator emits more than half of the original's peak rows; both are timed on your run.",
    expectedColumns: [
      { name: 'user_id', description: 'every current user, also those without events' },
      { name: 'views', description: '' },
      { name: 'searches', description: '' },
    ],
    ordered: false,
    solution: `SELECT u.user_id,
       COUNT(e.event_id) FILTER (WHERE e.event_type = 'product_view') AS views,
       COUNT(e.event_id) FILTER (WHERE e.event_type = 'search') AS searches
FROM dim_user u
LEFT JOIN fact_events e ON e.user_id = u.user_id
WHERE u.is_current
GROUP BY u.user_id`,
    explanation:
      "Joining two independent one-to-many relations to the same key multiplies them: each user's views are repeated once per search, so the second join emits the sum over users of views × searches rows, and COUNT(DISTINCT) then throws almost all of them away. It hides a fan-out rather than fixing it. One pass over the events with conditional counts (or aggregating each relation per user before joining) gives the same numbers from rows linear in the events. A LEFT JOIN keeps users without events, whose counts are 0 in both versions.",
    hints: [
      'Compare the rows out of the upper HASH_JOIN with the rows of fact_events.',
      'Why does the original need DISTINCT at all?',
      'Join the events once and count with FILTER (WHERE event_type = …); keep the LEFT JOIN.',
    ],
    lessons: ['performance-tuning', 'star-schema-modelling'],
    plan: {
      query: countDistinctFanOut,
      questions: [
        {
          prompt: 'Which kind of operator emits the most rows?',
          options: [
            'A TABLE_SCAN of fact_events',
            'A HASH_JOIN: views and searches of the same user paired up',
            'The HASH_GROUP_BY',
          ],
          answer: 1,
          why: 'The upper HASH_JOIN emits far more rows than fact_events has: every view of a user paired with every search of that user.',
          fact: { kind: 'peak-operator', operator: 'HASH_JOIN' },
        },
        {
          prompt: 'Why does the original need COUNT(DISTINCT) to be right?',
          options: [
            "Each user's views are repeated once per search (and each search once per view)",
            'COUNT skips NULLs',
            'fact_events has duplicate event_ids',
          ],
          answer: 0,
          why: 'The two LEFT JOINs are independent one-to-many relations on user_id, so their rows multiply; fact_events is unique by event_id, so the repetition comes only from the join.',
          fact: { kind: 'peak-operator', operator: 'HASH_JOIN' },
        },
      ],
      rewrite: { forbidOperators: [], maxPeakRowsShare: 0.5 },
    },
    wrongAnswers: [
      {
        mistake: 'Drops DISTINCT but keeps both joins: views × searches',
        sql: `SELECT u.user_id, COUNT(v.event_id), COUNT(s.event_id) FROM dim_user u LEFT JOIN fact_events v ON v.user_id = u.user_id AND v.event_type = 'product_view' LEFT JOIN fact_events s ON s.user_id = u.user_id AND s.event_type = 'search' WHERE u.is_current GROUP BY u.user_id`,
        expected: 'wrong_values',
      },
      {
        mistake: 'An inner join drops the users without events',
        sql: `SELECT u.user_id, COUNT(*) FILTER (WHERE e.event_type = 'product_view'), COUNT(*) FILTER (WHERE e.event_type = 'search') FROM dim_user u JOIN fact_events e ON e.user_id = u.user_id WHERE u.is_current GROUP BY u.user_id`,
        expected: 'missing_rows',
      },
    ],
  },
];
