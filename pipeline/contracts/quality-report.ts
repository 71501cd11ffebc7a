import type { EntityReconciliation } from './run-figures';
import type { SqlRow } from './services';

export type { EntityReconciliation };

/** quality/report.json: every check, the reconciliation per entity and the recall/precision against ground truth. */
export interface QualityCheck {
  name: string;
  table: string;
  column: string;
  /** `quarantine`: a record-level check of ingest or validate; it passes by catching (see `caught`). */
  kind: string;
  passed: boolean;
  failingRows: number;
  /** Records a quarantine check rejected (kind `quarantine` only; failingRows is then 0). */
  caught?: number;
  sample: SqlRow[];
  description?: string;
}

export interface FaultKindScore {
  kind: string;
  expected: string;
  injected: number;
  caught: number;
  recall: number | null;
  /** Quarantined with the reason code the contract expects (quarantine kinds only). */
  reasonMatches: number | null;
  missedSample: string[];
}

export interface ActionPrecision {
  action: string;
  total: number;
  explained: number;
  precision: number | null;
  unexplainedSample: SqlRow[];
}

export interface QualityReport {
  profile: string | null;
  /** Warehouse checks (pass or fail); `caught`: the quarantine checks and the records they rejected. */
  summary: { checks: number; passed: number; failed: number; caught: { checks: number; records: number } };
  checks: QualityCheck[];
  reconciliation: EntityReconciliation[];
  faults: {
    byKind: FaultKindScore[];
    precision: ActionPrecision[];
    overallRecall: number | null;
    overallPrecision: number | null;
    /** Records with no fault that were rejected or flagged: the target is 0. */
    cleanRejected: number;
  } | null;
}
