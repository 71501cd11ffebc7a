/** The answer of POST /api/spark/cells as the SparkCell reads it (lib/spark/cells.server.ts's SparkCellResponse). */
export interface SparkCellFigures {
  jobs: number;
  stages: number;
  tasks: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  spillBytes: number;
  maxTaskShuffleReadBytes?: number;
  durationMs: number;
}

export interface SparkCellResult {
  source: string;
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  plan: string | null;
  explainOnly: boolean;
  figures: SparkCellFigures | null;
  variants: Array<{ name: string; plan: string; answer?: string; figures: SparkCellFigures }>;
  durationMs: number;
}
