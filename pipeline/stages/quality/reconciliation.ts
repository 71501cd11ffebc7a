import { entities } from '../../contracts/records';
import type { GroundTruth } from '../../contracts/faults';
import type { Warehouse } from '../../contracts/services';
import { asNumber } from '../etl-support';
import type { EntityReconciliation } from '../../contracts/quality-report';

/**
 * Per entity: generated (lines the generator emitted) = landed (raw-zone rows + ingest dead letters) =
 * accepted + quarantined + duplicates removed. Counted from the warehouse, not from the stages' own reports.
 */
export async function reconcile(
  warehouse: Warehouse,
  groundTruth: GroundTruth | null,
): Promise<EntityReconciliation[]> {
  const result: EntityReconciliation[] = [];
  for (const entity of entities) {
    const [row] = await warehouse.query(
      `SELECT (SELECT count(*) FROM stg_${entity}_accepted) + (SELECT count(*) FROM stg_${entity}_rejected) AS raw,
              (SELECT count(*) FROM stg_ingest_rejected WHERE entity = $1) AS dead,
              (SELECT count(*) FROM stg_${entity}) AS accepted,
              (SELECT count(*) FROM quarantine WHERE entity = $1) AS quarantined,
              (SELECT count(*) FROM dedupe_removed WHERE entity = $1) AS duplicates`,
      [entity],
    );
    const raw = asNumber(row?.raw);
    const dead = asNumber(row?.dead);
    const accepted = asNumber(row?.accepted);
    const quarantined = asNumber(row?.quarantined);
    const duplicatesRemoved = asNumber(row?.duplicates);
    const landed = raw + dead;
    const generated = groundTruth ? (groundTruth.emitted[entity] ?? 0) : null;
    const holds =
      (generated === null || generated === landed) && landed === accepted + quarantined + duplicatesRemoved;
    result.push({
      entity,
      generated,
      landed,
      raw,
      ingestDeadLetters: dead,
      accepted,
      quarantined,
      duplicatesRemoved,
      holds,
    });
  }
  return result;
}
