-- How well the checks caught the injected faults, from ground-truth.json (the generator's ledger).
-- Placeholders: ground_truth (the file), maximum_object_size (its size) and expected_outcomes (VALUES of kind, outcome, reason code,
-- from pipeline/contracts/faults.ts).
CREATE OR REPLACE TEMP TABLE gt_faults AS
SELECT fault.kind, fault.entity, fault.recordId AS record_id, fault.field
FROM (
  SELECT unnest(faults) AS fault
  FROM read_json({{ground_truth}}, format = 'auto', records = true, maximum_object_size = {{maximum_object_size}},
                 columns = {faults: 'STRUCT(kind VARCHAR, entity VARCHAR, recordId VARCHAR, field VARCHAR)[]'})
);

CREATE OR REPLACE TEMP TABLE expected_outcome(kind VARCHAR, outcome VARCHAR, reason_code VARCHAR);
INSERT INTO expected_outcome VALUES {{expected_outcomes}};

-- What the pipeline did to each record id: quarantined (with which reason), removed as a duplicate, flagged late, kept.
CREATE OR REPLACE TEMP TABLE quarantined_ids AS
SELECT entity, record_id, min(reason_code) AS reason_code, count(*) AS copies FROM quarantine WHERE record_id IS NOT NULL GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE deduped_ids AS
SELECT entity, record_id, count(*) AS copies FROM dedupe_removed GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE kept_ids AS
SELECT 'events' AS entity, event_id AS record_id, is_late AS flagged, extra IS NOT NULL AS has_extra FROM stg_events
UNION ALL SELECT 'orders', order_id, false, extra IS NOT NULL FROM stg_orders
UNION ALL SELECT 'users', user_id || '#' || version, false, extra IS NOT NULL FROM stg_users
UNION ALL SELECT 'products', product_id, false, extra IS NOT NULL FROM stg_products;

-- A fault is caught when the record got the outcome the contract expects for its kind.
CREATE OR REPLACE TEMP TABLE fault_outcomes AS
SELECT g.kind, g.entity, g.record_id, e.outcome AS expected, e.reason_code AS expected_reason, q.reason_code AS actual_reason,
       CASE e.outcome
         WHEN 'quarantine' THEN q.record_id IS NOT NULL
         WHEN 'dedupe' THEN d.record_id IS NOT NULL AND k.record_id IS NOT NULL
         WHEN 'accept_flagged' THEN k.flagged IS TRUE
         WHEN 'accept' THEN k.record_id IS NOT NULL AND (g.kind <> 'schema_extra_field' OR k.has_extra)
       END AS caught
FROM gt_faults AS g
JOIN expected_outcome AS e USING (kind)
LEFT JOIN quarantined_ids AS q ON q.entity = g.entity AND q.record_id = g.record_id
LEFT JOIN deduped_ids AS d ON d.entity = g.entity AND d.record_id = g.record_id
LEFT JOIN kept_ids AS k ON k.entity = g.entity AND k.record_id = g.record_id;

-- Everything the pipeline rejected or flagged, and whether a fault of a matching kind explains it.
CREATE OR REPLACE TEMP TABLE actions AS
SELECT 'quarantine' AS action, entity, record_id, reason_code FROM quarantine
UNION ALL SELECT 'dedupe', entity, record_id, NULL FROM dedupe_removed
UNION ALL SELECT 'flag_late', 'events', event_id, NULL FROM stg_events WHERE is_late;

CREATE OR REPLACE TEMP TABLE action_truth AS
SELECT a.*, EXISTS (
  SELECT 1 FROM gt_faults AS g JOIN expected_outcome AS e USING (kind)
  WHERE g.entity = a.entity AND g.record_id = a.record_id
    AND e.outcome = CASE a.action WHEN 'quarantine' THEN 'quarantine' WHEN 'dedupe' THEN 'dedupe' ELSE 'accept_flagged' END
) AS explained
FROM actions AS a;
