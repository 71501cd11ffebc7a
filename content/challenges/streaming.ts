import type { Challenge } from '@/content/schema/challenge';

/**
 * Challenges on what the streaming half of the run really did: the speed layer's windows and the ingest group's
 * consumer lag, exported as stream tables (pipeline/contracts/stream-tables.ts), instead of approximating them from
 * fact_events.
 */
export const streamingChallenges: Challenge[] = [
  {
    id: 'speed-vs-batch-events-per-day',
    title: 'Speed layer against batch layer, day by day',
    difficulty: 'medium',
    topics: ['lambda-architecture', 'reconciliation', 'late-data'],
    statement:
      "The speed layer counted events in one-minute windows as they streamed in (stream_windows.events); the batch layer recomputed them from the lake (fact_events). For each UTC day that both have, return the day, the speed layer's events, the batch layer's events and the difference batch − speed.",
    expectedColumns: [
      { name: 'day', description: 'DATE of window_start / event_ts' },
      { name: 'speed_events', description: 'sum of stream_windows.events' },
      { name: 'batch_events', description: 'rows of fact_events' },
      { name: 'difference', description: 'batch_events − speed_events' },
    ],
    ordered: false,
    solution: `WITH speed AS (
  SELECT CAST(window_start AS DATE) AS day, SUM(events) AS speed_events
  FROM stream_windows GROUP BY 1
), batch AS (
  SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS batch_events
  FROM fact_events GROUP BY 1
)
SELECT day, speed_events, batch_events, batch_events - speed_events AS difference
FROM speed JOIN batch USING (day)`,
    explanation:
      'Aggregate each side to one row per day before joining: joining windows to events first repeats every window once per event of its day. The difference is the lambda architecture in numbers: the speed layer counts every record as it arrives (duplicates and records validation later rejects included) but never adds one that arrives after its window closed (stream_windows.late, stream_rejects), while the batch layer recomputes from the lake, de-duplicated and validated, late events included. A negative day had more duplicates and rejects than late events.',
    hints: [
      'stream_windows has one row per minute: SUM its events column per day.',
      'Aggregate fact_events per day in its own subquery, then join the two on the day.',
      'WITH speed AS (… GROUP BY day), batch AS (… GROUP BY day) SELECT … FROM speed JOIN batch USING (day)',
    ],
    lessons: ['architecture-lambda-kappa', 'stream-processing'],
    wrongAnswers: [
      {
        mistake: 'Counts windows, not the events in them',
        sql: `WITH s AS (SELECT CAST(window_start AS DATE) AS day, COUNT(*) AS n FROM stream_windows GROUP BY 1), b AS (SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS n FROM fact_events GROUP BY 1)
SELECT day, s.n, b.n, b.n - s.n FROM s JOIN b USING (day)`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Joins before aggregating, so each window repeats per event of its day',
        sql: `SELECT CAST(w.window_start AS DATE) AS day, SUM(w.events), COUNT(DISTINCT f.event_id), COUNT(DISTINCT f.event_id) - SUM(w.events)
FROM stream_windows w JOIN fact_events f ON CAST(f.event_ts AS DATE) = CAST(w.window_start AS DATE)
GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'ingest-lag-caught-up',
    title: 'When did each partition catch up?',
    difficulty: 'medium',
    topics: ['consumer-lag', 'kafka', 'conditional-aggregation'],
    statement:
      'stream_consumer_lag holds the ingest group (consumer_group = ingest-raw) lag on every partition, sampled before the first window (sample_no 0) and after each landed window. For each topic and partition of that group, return the lag it started with (at sample 0) and the first sample_no at which its lag was 0.',
    expectedColumns: [
      { name: 'topic', description: '' },
      { name: 'partition', description: '' },
      { name: 'start_lag', description: 'lag at sample_no 0' },
      { name: 'caught_up_at', description: 'smallest sample_no with lag = 0' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `SELECT topic, partition,
       MAX(lag) FILTER (WHERE sample_no = 0) AS start_lag,
       MIN(sample_no) FILTER (WHERE lag = 0) AS caught_up_at
FROM stream_consumer_lag
WHERE consumer_group = 'ingest-raw'
GROUP BY topic, partition`,
    explanation:
      "Lag is the log end offset minus the group's committed offset. The producer had finished before the ingest started, so sample 0 is each partition's whole backlog and the lag only falls; the ingest lands and commits a window at a time, so a partition reaches 0 at the sample after its last window was committed. Filtered aggregates pick one sample's value per partition in a single pass. The speed-layer group appears only in the final rows, with its own lag.",
    hints: [
      'One row per (topic, partition): GROUP BY both, filtered to the ingest group.',
      'MAX(lag) FILTER (WHERE sample_no = 0) reads the first sample inside the aggregate.',
      'MIN(sample_no) FILTER (WHERE lag = 0) is the first sample at zero.',
    ],
    lessons: ['kafka-fundamentals', 'stream-processing'],
    wrongAnswers: [
      {
        mistake: 'Takes the first sample, not the first one at zero lag',
        sql: `SELECT topic, partition, MAX(lag) FILTER (WHERE sample_no = 0), MIN(sample_no) FROM stream_consumer_lag WHERE consumer_group = 'ingest-raw' GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Reads the smallest lag as the starting lag',
        sql: `SELECT topic, partition, MIN(lag), MIN(sample_no) FILTER (WHERE lag = 0) FROM stream_consumer_lag WHERE consumer_group = 'ingest-raw' GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
    ],
  },
];
