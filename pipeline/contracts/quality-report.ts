import type { SqlRow } from './services';

/** quality/report.json: every check, the reconciliation per entity and the recall/precision against ground truth. */
export interface QualityCheck {
  name: string;
  table: string;
  column: string;
  kind: string;
  passed: boolean;
  failingRows: number;
  sample: SqlRow[];
  description?: string;
}

export interface EntityReconciliation {
  entity: string;
  /** Lines the generator emitted (ground-truth.json), null when the run has no ground truth. */
  generated: number | null;
  /** Raw-zone rows + ingest dead letters. */
  landed: number;
  raw: number;
  ingestDeadLetters: number;
  accepted: number;
  quarantined: number;
  duplicatesRemoved: number;
  /** generated = landed = accepted + quarantined + duplicatesRemoved. */
  holds: boolean;
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
  summary: { checks: number; passed: number; failed: number };
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
