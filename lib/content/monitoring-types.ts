/** What the monitoring lesson shows of the learner's newest finished run, read on the server. */
export interface MonitoringFigures {
  runId: string;
  faults: string;
  /** The lines /api/metrics serves right now for the series the alert rules watch. */
  exposition: string[];
  /** Share of the run's generated records rejected; null before generate has finished. */
  rejectRatio: number | null;
  failedStages: string[];
  /** Entities whose reconciliation does not hold; null before the quality stage has run. */
  brokenReconciliation: string[] | null;
}
