import type { Manifest, StageRecord } from './manifest';
import type { StageName } from './stages';

/**
 * The run's headline figures, read from manifest.json the same way by every surface that shows them (the CLI
 * summary, the console, the home page, model answers). Each rejected record is counted once, by the stage that
 * rejected it: ingest owns the lines it cannot date-partition (dead letters), validate the records its checks
 * reject from the raw zone. So the run's quarantine is the sum of the stages' rejectedRows.
 */
export interface QuarantineFigures {
  total: number;
  /** Per stage and reason code, most records first. */
  rows: Array<{ stage: StageName; reason: string; records: number }>;
  /** Per reason code over the whole run: adds up to `total`. */
  byReason: Record<string, number>;
  byStage: Partial<Record<StageName, number>>;
}

/**
 * One entity, or the run, through the pipeline: every record ends in exactly one place. Identities:
 * generated = deadLettered + landed, and landed = quarantined + duplicatesRemoved + accepted.
 */
export interface Reconciliation {
  /** Lines the generator emitted (ground-truth.json), null when the run has no ground truth. */
  generated: number | null;
  /** Lines ingest could not date-partition: quarantined by ingest and sent to the dead-letter topic. */
  deadLettered: number;
  /** Records ingest landed in the raw zone. */
  landed: number;
  /** Records validate's checks rejected from the raw zone. */
  quarantined: number;
  duplicatesRemoved: number;
  /** In the warehouse's staging tables after dedupe. */
  accepted: number;
  holds: boolean;
}

export interface EntityReconciliation extends Reconciliation {
  entity: string;
}

const stageOf = (manifest: Pick<Manifest, 'stages'>, name: StageName): StageRecord | undefined =>
  manifest.stages.find((stage) => stage.name === name);

/**
 * Runs written before each stage owned its rejects had validate count the ingest dead letters again (its input was
 * ingest's input); for those, validate's figures alone are the run's.
 */
function validateRecountsIngest(manifest: Pick<Manifest, 'stages'>): boolean {
  const ingest = stageOf(manifest, 'ingest');
  const validate = stageOf(manifest, 'validate');
  return Boolean(
    ingest &&
    validate &&
    ingest.rejectedRows > 0 &&
    validate.status === 'succeeded' &&
    validate.inputRows === ingest.inputRows,
  );
}

export function quarantineFigures(manifest: Pick<Manifest, 'stages'>): QuarantineFigures {
  const legacy = validateRecountsIngest(manifest);
  const figures: QuarantineFigures = { total: 0, rows: [], byReason: {}, byStage: {} };
  for (const stage of manifest.stages) {
    if (stage.rejectedRows === 0 || (legacy && stage.name === 'ingest')) continue;
    figures.total += stage.rejectedRows;
    figures.byStage[stage.name] = stage.rejectedRows;
    for (const [reason, records] of Object.entries(stage.rejectReasons)) {
      figures.rows.push({ stage: stage.name, reason, records });
      figures.byReason[reason] = (figures.byReason[reason] ?? 0) + records;
    }
  }
  figures.rows.sort((a, b) => b.records - a.records || a.reason.localeCompare(b.reason));
  return figures;
}

/** Copies the dedupe stage removed; null before it has run. */
export function duplicatesRemoved(record: StageRecord | undefined): number | null {
  if (!record || record.status !== 'succeeded') return null;
  const figure = record.metrics.duplicatesRemoved;
  return typeof figure === 'number' ? figure : record.inputRows - record.outputRows;
}

const isReconciliation = (value: unknown): value is EntityReconciliation =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Reconciliation).landed === 'number' &&
  typeof (value as Reconciliation).deadLettered === 'number';

/** The quality stage's reconciliation per entity (null before it has run, or for a run written by an older version). */
export function entityReconciliation(manifest: Pick<Manifest, 'stages'>): EntityReconciliation[] | null {
  const quality = stageOf(manifest, 'quality');
  const rows = quality?.status === 'succeeded' ? quality.metrics.reconciliation : undefined;
  return Array.isArray(rows) && rows.length > 0 && rows.every(isReconciliation) ? rows : null;
}

/** The reconciliation summed over entities. */
export function runReconciliation(manifest: Pick<Manifest, 'stages'>): Reconciliation | null {
  const rows = entityReconciliation(manifest);
  if (!rows) return null;
  const sum = (pick: (row: EntityReconciliation) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  return {
    generated: rows.every((row) => row.generated !== null) ? sum((row) => row.generated ?? 0) : null,
    deadLettered: sum((row) => row.deadLettered),
    landed: sum((row) => row.landed),
    quarantined: sum((row) => row.quarantined),
    duplicatesRemoved: sum((row) => row.duplicatesRemoved),
    accepted: sum((row) => row.accepted),
    holds: rows.every((row) => row.holds),
  };
}

/** The stages that rebuild the warehouse from the raw zone: the batch layer of the lambda architecture. */
export const batchLayerStages: readonly StageName[] = ['validate', 'dedupe', 'model', 'aggregate', 'export'];
