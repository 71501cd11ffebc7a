import { expectedOutcome, faultKinds, type LedgerFaultKind, type RejectReason } from '../../contracts/faults';
import type { Warehouse } from '../../contracts/services';
import { asNumber } from '../etl-support';
import { fillSql, readStageSql, sqlString } from '../sql-files';
import type { ActionPrecision, FaultKindScore, QualityReport } from '../../contracts/quality-report';

/** The reason code a quarantined fault should carry (pipeline/contracts/faults.ts). */
export const expectedReason: Partial<Record<LedgerFaultKind, RejectReason>> = {
  schema_missing_field: 'MISSING_FIELD',
  schema_wrong_type: 'TYPE_MISMATCH',
  null_required: 'NULL_REQUIRED',
  negative_price: 'OUT_OF_RANGE',
  zero_quantity: 'OUT_OF_RANGE',
  future_timestamp: 'FUTURE_TIMESTAMP',
  orphan_user: 'ORPHAN_KEY',
  orphan_product: 'ORPHAN_KEY',
  malformed_line: 'MALFORMED',
};

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Recall per fault kind (faults that got the outcome the contract expects / faults injected) and precision per
 * action (rejections and flags a fault explains / all rejections and flags), from fault-evaluation.sql.
 */
/** The contract of pipeline/contracts/faults.ts as SQL VALUES rows: (kind, expected outcome, expected reason code). */
export function expectedOutcomeValues(): string {
  return faultKinds
    .map(
      (kind) =>
        `(${sqlString(kind)}, ${sqlString(expectedOutcome[kind])}, ${expectedReason[kind] ? sqlString(expectedReason[kind]) : 'NULL'})`,
    )
    .join(', ');
}

/**
 * `evaluated`: fault_outcomes and action_truth are already in the warehouse (the Spark engine built them); the
 * DuckDB engine builds them here.
 */
export async function scoreFaults(
  warehouse: Warehouse,
  groundTruthPath: string,
  maximumObjectSize: number,
  evaluated = false,
): Promise<NonNullable<QualityReport['faults']>> {
  if (!evaluated) {
    await warehouse.exec(
      fillSql(readStageSql('quality', 'fault-evaluation.sql'), {
        ground_truth: sqlString(groundTruthPath),
        expected_outcomes: expectedOutcomeValues(),
        maximum_object_size: String(maximumObjectSize),
      }),
    );
  }
  const rows = await warehouse.query(
    `SELECT kind, any_value(expected) AS expected, count(*) AS injected, count(*) FILTER (WHERE caught) AS caught,
            count(*) FILTER (WHERE expected = 'quarantine' AND actual_reason = expected_reason) AS reason_matches,
            (list(entity || ':' || record_id ORDER BY entity, record_id) FILTER (WHERE NOT caught OR caught IS NULL))[1:5] AS missed
     FROM fault_outcomes GROUP BY kind ORDER BY kind`,
  );
  const byKind: FaultKindScore[] = rows.map((row) => {
    const injected = asNumber(row.injected);
    const caught = asNumber(row.caught);
    return {
      kind: String(row.kind),
      expected: String(row.expected),
      injected,
      caught,
      recall: ratio(caught, injected),
      reasonMatches: row.expected === 'quarantine' ? asNumber(row.reason_matches) : null,
      missedSample: row.missed === null ? [] : (JSON.parse(String(row.missed)) as string[]),
    };
  });
  const actionRows = await warehouse.query(
    `SELECT action, count(*) AS total, count(*) FILTER (WHERE explained) AS explained FROM action_truth GROUP BY action ORDER BY action`,
  );
  const precision: ActionPrecision[] = [];
  for (const row of actionRows) {
    const total = asNumber(row.total);
    const explained = asNumber(row.explained);
    const unexplainedSample =
      explained < total
        ? await warehouse.query(
            `SELECT entity, record_id, reason_code FROM action_truth WHERE action = $1 AND NOT explained ORDER BY entity, record_id NULLS LAST, reason_code LIMIT 5`,
            [String(row.action)],
          )
        : [];
    precision.push({
      action: String(row.action),
      total,
      explained,
      precision: ratio(explained, total),
      unexplainedSample,
    });
  }
  const injected = byKind.reduce((sum, kind) => sum + kind.injected, 0);
  const caught = byKind.reduce((sum, kind) => sum + kind.caught, 0);
  const total = precision.reduce((sum, action) => sum + action.total, 0);
  const explained = precision.reduce((sum, action) => sum + action.explained, 0);
  return {
    byKind,
    precision,
    overallRecall: ratio(caught, injected),
    overallPrecision: ratio(explained, total),
    cleanRejected: total - explained,
  };
}
