import type { IncidentType } from '@/pipeline/contracts/incidents';
import type { IncidentInfo } from './catalog';
import type { DatasetScore } from './score';

/** The answers of /api/incidents, shared by the routes and the page. */
export interface SeedsState {
  ready: number;
  total: number;
  /** Why a hidden run could not be queued (the queue is full): it is tried again on the next status request. */
  error?: string;
}

export interface RoundStatus {
  runId: string;
  /** queued, running, ready (the warehouse can be queried), or failed. */
  status: 'queued' | 'running' | 'ready' | 'failed';
  /** The learner's run's stage in progress, if any. */
  stage: string | null;
  seeds: SeedsState;
  /** The learner's run and both hidden runs are ready: a check can be graded. */
  gradable: boolean;
  error?: string;
}

export interface GradeRequest {
  check: string;
  rootCause: IncidentType;
}

export interface ExampleRecord {
  id: string;
  /** The table the record is in: fact_events, quarantine, dedupe_removed, or none. */
  table: string;
  /** The row as JSON text (shortened), when the record is in the warehouse. */
  row: string | null;
}

export interface RoundGrade {
  rootCause: { chosen: IncidentType; actual: IncidentType; correct: boolean };
  /** The learner's run first, then the hidden runs. */
  scores: DatasetScore[];
  checkPassed: boolean;
  diagnosis: string[];
  /** Affected records the check missed on the learner's run, and clean ones it flagged, with their rows. */
  missed: ExampleRecord[];
  falsePositives: ExampleRecord[];
  incident: IncidentInfo & { type: IncidentType; referenceCheck: string };
}
