/** Row counts per warehouse table and where they come from (the learner's run or the sample run). */
export interface TableRows {
  source: string;
  rows: Record<string, number>;
}
