import type { IncidentType } from '@/pipeline/contracts/incidents';

export interface IncidentInfo {
  /** The root cause as the learner picks it from the list. */
  title: string;
  /** What happened, shown once the round is graded. */
  story: string;
  /** The trace it leaves in the warehouse, shown once graded. */
  trace: string;
  /** Lessons (content/lessons slugs) that teach what the round tests. */
  lessons: readonly string[];
}

/** Shared by the page and the grader; the reference checks are server-side (reference-checks.ts). */
export const incidentCatalog: Record<IncidentType, IncidentInfo> = {
  replay_duplicates: {
    title: 'Duplicates from a replay',
    story:
      'An operator replayed part of the events topic after a consumer crash; about 2 % of events arrived a second time, 10 minutes to 6 hours after the first copy.',
    trace: 'The extra copies were removed by dedupe and are listed in dedupe_removed (entity = events).',
    lessons: ['exactly-once', 'kafka-delivery-semantics', 'data-quality'],
  },
  late_arrivals: {
    title: 'Late and out-of-order events',
    story:
      'Clients buffered events while offline: some arrived 2–48 hours after they happened, others a few minutes late and behind events that happened after them.',
    trace:
      'fact_events rows whose ingested_at is far behind event_ts (clean events arrive within 5 seconds); the late ones also have is_late.',
    lessons: ['stream-processing', 'batch-vs-streaming', 'data-quality'],
  },
  schema_drift: {
    title: 'Schema drift from a new producer version',
    story:
      'A new client release added a field (client_version) without a schema change; the pipeline kept it in the extra JSON column.',
    trace: 'fact_events rows with a non-null extra.',
    lessons: ['schema-evolution', 'data-quality'],
  },
  orphan_keys: {
    title: 'Orphan keys (references to missing users or products)',
    story:
      'A service sent events with user and product ids that exist in no source system, after a botched id migration.',
    trace: "quarantine rows with reason_code = 'ORPHAN_KEY' (entity = events).",
    lessons: ['data-quality', 'star-schema-modelling'],
  },
  stuck_consumer: {
    title: 'A stuck consumer (one partition stopped for hours)',
    story:
      "One partition's consumer hung for six hours; when it was restarted, everything it held arrived within minutes.",
    trace:
      'fact_events rows of one partition (users hashing to it) whose ingested_at is minutes to hours behind event_ts, all ingested in one short burst.',
    lessons: ['kafka-fundamentals', 'stream-processing', 'production-readiness'],
  },
  skewed_key: {
    title: 'A skewed key (one key value holds a huge share of rows)',
    story:
      'An app release (mobile and tablet) fell back to one hard-coded session id; from then on every app event carried it, so one session holds thousands of events.',
    trace: 'fact_events rows with the one session_id that has far more events than any real session.',
    lessons: ['spark-performance', 'performance-tuning', 'data-quality'],
  },
  bad_deploy_nulls: {
    title: 'A bad deploy that nulls a field',
    story:
      'A mobile release stopped sending product_id on product views, add-to-carts and wishlist adds; the field is nullable, so every such event was accepted.',
    trace:
      "fact_events rows of type product_view, add_to_cart or wishlist_add with product_id null (all from device 'mobile', after the release).",
    lessons: ['data-quality', 'production-readiness'],
  },
  timezone_bug: {
    title: 'A timezone bug',
    story:
      'A desktop web release wrote local time (UTC+2, CEST) into event_ts but kept the Z suffix: those events claim to happen two hours later than they did.',
    trace:
      'fact_events rows whose event_ts is after their ingested_at (an event cannot arrive before it happens).',
    lessons: ['stream-processing', 'data-quality'],
  },
  clock_skew: {
    title: 'A producer clock running ahead',
    story: 'Some devices had clocks days ahead, so their events are timed after the end of the data window.',
    trace: "quarantine rows with reason_code = 'FUTURE_TIMESTAMP'.",
    lessons: ['data-quality', 'stream-processing'],
  },
  type_change: {
    title: 'A type change in the producer (a field sent as another type)',
    story:
      'A client library upgrade started sending event_ts as epoch milliseconds (a number) instead of an ISO-8601 string.',
    trace:
      "quarantine rows with reason_code = 'TYPE_MISMATCH' (ingest could not date-partition them, so they are on the dead-letter topic too).",
    lessons: ['schema-evolution', 'data-quality'],
  },
};
