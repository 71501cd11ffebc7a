import { entities } from '../../contracts/records';
import type { GroundTruth } from '../../contracts/faults';
import type { Warehouse } from '../../contracts/services';
import { asNumber } from '../etl-support';
import type { EntityReconciliation } from '../../contracts/quality-report';

/**
 * Per entity, the two identities a run must satisfy: generated = dead-lettered + landed (ingest), and
 * landed = quarantined + duplicates removed + accepted (validate, then dedupe). Counted from the warehouse, not
 * from the stages' own reports.
 */
export async function reconcile(
  warehouse: Warehouse,
  groundTruth: GroundTruth | null,
): Promise<EntityReconciliation[]> {
  const result: EntityReconciliation[] = [];
  for (const entity of entities) {
    const [row] = await warehouse.query(
      `SELECT (SELECT count(*) FROM stg_${entity}_accepted) + (SELECT count(*) FROM stg_${entity}_rejected) AS landed,
              (SELECT count(*) FROM quarantine WHERE entity = $1 AND stage = 'ingest') AS dead,
              (SELECT count(*) FROM quarantine WHERE entity = $1 AND stage = 'validate') AS quarantined,
              (SELECT count(*) FROM stg_${entity}) AS accepted,
              (SELECT count(*) FROM dedupe_removed WHERE entity = $1) AS duplicates`,
      [entity],
    );
    const landed = asNumber(row?.landed);
    const deadLettered = asNumber(row?.dead);
    const quarantined = asNumber(row?.quarantined);
    const accepted = asNumber(row?.accepted);
    const duplicatesRemoved = asNumber(row?.duplicates);
    const generated = groundTruth ? (groundTruth.emitted[entity] ?? 0) : null;
    const holds =
      (generated === null || generated === deadLettered + landed) &&
      landed === quarantined + duplicatesRemoved + accepted;
    result.push({ entity, generated, deadLettered, landed, quarantined, duplicatesRemoved, accepted, holds });
  }
  return result;
}
