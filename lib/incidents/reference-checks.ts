import type { IncidentType } from '@/pipeline/contracts/incidents';

/**
 * One check per incident that finds exactly its records on any seed (tests/incidents prove it on three). Shown
 * to the learner after grading, so they are only sent in a graded result, never with the page.
 */
export const referenceChecks: Record<IncidentType, string> = {
  replay_duplicates: `SELECT record_id FROM dedupe_removed WHERE entity = 'events'`,
  // Clean events arrive within 5 s of happening; anything later is late or held back.
  late_arrivals: `SELECT event_id FROM fact_events WHERE ingested_at > event_ts + INTERVAL 30 SECOND`,
  schema_drift: `SELECT event_id FROM fact_events WHERE extra IS NOT NULL`,
  orphan_keys: `SELECT record_id FROM quarantine WHERE entity = 'events' AND reason_code = 'ORPHAN_KEY'`,
  stuck_consumer: `SELECT event_id FROM fact_events WHERE ingested_at > event_ts + INTERVAL 30 SECOND`,
  skewed_key: `WITH sizes AS (
  SELECT session_id, count(*) AS events FROM fact_events GROUP BY session_id
)
SELECT e.event_id
FROM fact_events e JOIN sizes s USING (session_id)
WHERE s.events > 100 * (SELECT median(events) FROM sizes)`,
  bad_deploy_nulls: `SELECT event_id FROM fact_events
WHERE event_type IN ('product_view', 'add_to_cart', 'wishlist_add') AND product_id IS NULL`,
  timezone_bug: `SELECT event_id FROM fact_events WHERE event_ts > ingested_at`,
  clock_skew: `SELECT record_id FROM quarantine WHERE entity = 'events' AND reason_code = 'FUTURE_TIMESTAMP'`,
  type_change: `SELECT record_id FROM quarantine WHERE entity = 'events' AND reason_code = 'TYPE_MISMATCH'`,
};
