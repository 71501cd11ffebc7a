import type { Challenge } from '@/content/schema/challenge';

/**
 * Challenges the realistic fault profile makes interesting: the generator replays and duplicates events, and the
 * dedupe stage records every copy it removed in dedupe_removed (exported to the browser's warehouse for this), so
 * the answers differ between seeds and cannot be found in the already unique fact tables.
 */
export const faultProfileChallenges: Challenge[] = [
  {
    id: 'find-replayed-events',
    title: 'Find the replayed events',
    difficulty: 'medium',
    topics: ['deduplication', 'data-quality', 'join'],
    statement:
      'Some events landed in the raw zone more than once (a producer retry, a consumer re-reading after a crash, a replay). The dedupe stage kept one copy of each in fact_events and listed every copy it removed in dedupe_removed. For each event that landed more than once, return its event_id, event_type, user_id, event_ts and the number of copies that landed, the kept one included.',
    expectedColumns: [
      { name: 'event_id', description: '' },
      { name: 'event_type', description: '' },
      { name: 'user_id', description: '' },
      { name: 'event_ts', description: 'event time of the kept copy' },
      { name: 'copies', description: 'copies that landed: the kept one plus the removed ones' },
    ],
    ordered: false,
    solution: `SELECT e.event_id, e.event_type, e.user_id, e.event_ts, 1 + COUNT(*) AS copies
FROM dedupe_removed r
JOIN fact_events e ON e.event_id = r.record_id
WHERE r.entity = 'events'
GROUP BY e.event_id, e.event_type, e.user_id, e.event_ts`,
    explanation:
      "Kafka delivers at least once, so the same event can land twice: a producer retry without idempotence, a consumer that wrote a batch and crashed before committing its offsets, or an upstream replay (the same event re-sent later with a new ingested_at). fact_events is unique by event_id because the dedupe stage kept the first copy by event time, then earliest arrival, and wrote the others to dedupe_removed: counting in fact_events finds nothing. dedupe_removed is also the 'duplicates removed' term of the reconciliation (landed = accepted + quarantined + duplicates removed), and it holds users, products and orders too, so filter on entity.",
    hints: [
      'fact_events is already de-duplicated: every event_id appears there once. Where did the extra copies go?',
      "dedupe_removed has one row per removed copy; for entity = 'events' its record_id is the event_id.",
      "Join dedupe_removed (entity = 'events') to fact_events on record_id = event_id, GROUP BY the event, and return 1 + COUNT(*).",
    ],
    lessons: ['kafka-delivery-semantics', 'exactly-once', 'data-quality'],
    wrongAnswers: [
      {
        mistake: 'Looks for repeated ids in fact_events, which dedupe already made unique',
        sql: `SELECT event_id, event_type, user_id, event_ts, COUNT(*) AS copies FROM fact_events GROUP BY ALL HAVING COUNT(*) > 1`,
        expected: 'missing_rows',
      },
      {
        mistake: 'Counts only the removed copies, not the one that was kept',
        sql: `SELECT e.event_id, e.event_type, e.user_id, e.event_ts, COUNT(*) AS copies
FROM dedupe_removed r JOIN fact_events e ON e.event_id = r.record_id
WHERE r.entity = 'events' GROUP BY ALL`,
        expected: 'wrong_values',
      },
      {
        mistake: 'LEFT JOIN from dedupe_removed with no entity filter: duplicated users come back as events',
        sql: `SELECT r.record_id, e.event_type, e.user_id, e.event_ts, 1 + COUNT(*) AS copies
FROM dedupe_removed r LEFT JOIN fact_events e ON e.event_id = r.record_id
GROUP BY ALL`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'duplicate-rate-by-day',
    title: 'Duplicate rate per day',
    difficulty: 'hard',
    topics: ['deduplication', 'data-quality', 'left-join', 'ratios'],
    statement:
      "For every day (UTC date of event_ts) with events in fact_events, return the day, the event copies that landed (the events kept plus the duplicate copies of them that dedupe removed, from dedupe_removed with entity = 'events'), the copies removed, and the duplicate rate: removed / landed. Days without duplicates count too, with 0 removed and a rate of 0.",
    expectedColumns: [
      { name: 'day', description: 'DATE' },
      { name: 'landed', description: 'kept events + removed copies' },
      { name: 'removed', description: 'duplicate copies removed' },
      { name: 'duplicate_rate', description: 'removed / landed, 0–1' },
    ],
    ordered: false,
    solution: `WITH removed AS (
  SELECT record_id AS event_id, COUNT(*) AS copies
  FROM dedupe_removed
  WHERE entity = 'events'
  GROUP BY record_id
)
SELECT CAST(e.event_ts AS DATE) AS day,
       COUNT(*) + COALESCE(SUM(r.copies), 0) AS landed,
       COALESCE(SUM(r.copies), 0) AS removed,
       COALESCE(SUM(r.copies), 0) / (COUNT(*) + COALESCE(SUM(r.copies), 0)) AS duplicate_rate
FROM fact_events e
LEFT JOIN removed r ON r.event_id = e.event_id
GROUP BY 1`,
    explanation:
      'A data-quality metric worth alerting on: a jump in the duplicate rate means a producer lost idempotence or a consumer is re-reading. The denominator is what arrived (kept + removed), not what survived; the two differ by well under one percentage point here, which is why the grader compares rates with a relative tolerance of 1e-4 and not to the nearest 0.005. Pre-aggregate the removed copies per event before joining, and LEFT JOIN from the facts so days without duplicates stay with a rate of 0.',
    hints: [
      'Start from fact_events so that every day appears; dedupe_removed only has rows for events that had copies.',
      "Count removed copies per event_id in dedupe_removed (entity = 'events'), then LEFT JOIN that to fact_events.",
      'Per day: landed = COUNT(*) + COALESCE(SUM(copies), 0); rate = removed / landed, not removed / COUNT(*).',
    ],
    lessons: ['data-quality', 'kafka-delivery-semantics', 'production-readiness'],
    wrongAnswers: [
      {
        mistake: 'Divides by the events kept instead of the copies that landed',
        sql: `WITH removed AS (SELECT record_id AS event_id, COUNT(*) AS copies FROM dedupe_removed WHERE entity = 'events' GROUP BY 1)
SELECT CAST(e.event_ts AS DATE), COUNT(*) + COALESCE(SUM(r.copies), 0), COALESCE(SUM(r.copies), 0), COALESCE(SUM(r.copies), 0) / COUNT(*)
FROM fact_events e LEFT JOIN removed r ON r.event_id = e.event_id GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Counts only the kept events as landed',
        sql: `WITH removed AS (SELECT record_id AS event_id, COUNT(*) AS copies FROM dedupe_removed WHERE entity = 'events' GROUP BY 1)
SELECT CAST(e.event_ts AS DATE), COUNT(*), COALESCE(SUM(r.copies), 0), COALESCE(SUM(r.copies), 0) / COUNT(*)
FROM fact_events e LEFT JOIN removed r ON r.event_id = e.event_id GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Inner join of per-day counts drops the days without duplicates',
        sql: `WITH kept AS (SELECT CAST(event_ts AS DATE) AS day, COUNT(*) AS kept FROM fact_events GROUP BY 1),
removed AS (SELECT CAST(e.event_ts AS DATE) AS day, COUNT(*) AS removed FROM dedupe_removed r JOIN fact_events e ON e.event_id = r.record_id WHERE r.entity = 'events' GROUP BY 1)
SELECT k.day, k.kept + r.removed, r.removed, r.removed / (k.kept + r.removed) FROM kept k JOIN removed r ON r.day = k.day`,
        expected: 'missing_rows',
      },
    ],
  },
];
