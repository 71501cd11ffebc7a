-- How well the checks caught the injected faults (Spark), as pipeline/stages/quality/fault-evaluation.sql.
-- Placeholders: ground_truth_path (the ledger file) and expected_outcomes (VALUES of kind, outcome, reason code).
-- The ledger is one JSON object (one fault per line inside it): read whole, parsed with an explicit schema.
CREATE OR REPLACE TEMPORARY VIEW gt_text USING text OPTIONS (path '{{ground_truth_path}}', wholetext 'true');
CACHE TABLE gt_faults AS
SELECT fault.kind, fault.entity, fault.recordId AS record_id, fault.field
FROM (
  SELECT explode(from_json(value, 'faults ARRAY<STRUCT<kind: STRING, entity: STRING, recordId: STRING, field: STRING>>').faults) AS fault
  FROM gt_text
);

CREATE OR REPLACE TEMPORARY VIEW expected_outcome AS
SELECT * FROM VALUES {{expected_outcomes}} AS t(kind, outcome, reason_code);

-- What the pipeline did to each record id: quarantined (with which reason), removed as a duplicate, flagged late, kept.
CACHE TABLE quarantined_ids AS
SELECT entity, record_id, min(reason_code) AS reason_code, count(*) AS copies FROM quarantine WHERE record_id IS NOT NULL GROUP BY entity, record_id;
CACHE TABLE deduped_ids AS
SELECT entity, record_id, count(*) AS copies FROM dedupe_removed GROUP BY entity, record_id;
CACHE TABLE kept_ids AS
SELECT 'events' AS entity, event_id AS record_id, is_late AS flagged, extra IS NOT NULL AS has_extra FROM stg_events
UNION ALL SELECT 'orders', order_id, false, extra IS NOT NULL FROM stg_orders
UNION ALL SELECT 'users', user_id || '#' || version, false, extra IS NOT NULL FROM stg_users
UNION ALL SELECT 'products', product_id, false, extra IS NOT NULL FROM stg_products;

-- A fault is caught when the record got the outcome the contract expects for its kind.
CREATE OR REPLACE TABLE fault_outcomes AS
SELECT g.kind, g.entity, g.record_id, e.outcome AS expected, e.reason_code AS expected_reason, q.reason_code AS actual_reason,
       CASE e.outcome
         WHEN 'quarantine' THEN q.record_id IS NOT NULL
         WHEN 'dedupe' THEN d.record_id IS NOT NULL AND k.record_id IS NOT NULL
         WHEN 'accept_flagged' THEN k.flagged <=> true
         WHEN 'accept' THEN k.record_id IS NOT NULL AND (g.kind <> 'schema_extra_field' OR k.has_extra)
       END AS caught
FROM gt_faults AS g
JOIN expected_outcome AS e ON e.kind = g.kind
LEFT JOIN quarantined_ids AS q ON q.entity = g.entity AND q.record_id = g.record_id
LEFT JOIN deduped_ids AS d ON d.entity = g.entity AND d.record_id = g.record_id
LEFT JOIN kept_ids AS k ON k.entity = g.entity AND k.record_id = g.record_id;

-- Everything the pipeline rejected or flagged, and whether a fault of a matching kind explains it (a join on the
-- explained ids: Spark has no EXISTS subquery in a select list).
CREATE OR REPLACE TABLE action_truth AS
WITH actions AS (
  SELECT 'quarantine' AS action, entity, record_id, reason_code FROM quarantine
  UNION ALL SELECT 'dedupe', entity, record_id, NULL FROM dedupe_removed
  UNION ALL SELECT 'flag_late', 'events', event_id, NULL FROM stg_events WHERE is_late
),
explanations AS (
  SELECT DISTINCT g.entity, g.record_id, e.outcome
  FROM gt_faults AS g JOIN expected_outcome AS e ON e.kind = g.kind
)
SELECT a.action, a.entity, a.record_id, a.reason_code, x.outcome IS NOT NULL AS explained
FROM actions AS a
LEFT JOIN explanations AS x
  ON x.entity = a.entity AND x.record_id = a.record_id
 AND x.outcome = CASE a.action WHEN 'quarantine' THEN 'quarantine' WHEN 'dedupe' THEN 'dedupe' ELSE 'accept_flagged' END;
