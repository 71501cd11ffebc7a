import type { StageName } from '@/pipeline/contracts/stages';
import type { OperationalTables, Tier } from '@/pipeline/contracts/services';
import type { DailyFigures } from '@/pipeline/contracts/speed';
import type { SparkStageRecord } from '@/pipeline/contracts/spark-stage-record';

/**
 * What the console's stage drawer and streaming view receive. Plain JSON shapes shared by the route handlers
 * (lib/runs/*.server.ts) and the client components, which may not import server modules.
 */
export type SampleValue = string | number | boolean | null;
export type SampleRow = Record<string, SampleValue>;

export interface Sample {
  label: string;
  /** Where the rows come from, as the learner would find it (a file in the run, a topic, a table). */
  source: string;
  columns: string[];
  rows: SampleRow[];
  /** Why there are no rows: not written yet, or the run is busy with the file. */
  unavailable?: string;
}

export interface CodeFile {
  file: string;
  language: 'sql' | 'typescript';
  text: string;
}

export interface RejectExample {
  entity: string;
  recordId: string | null;
  message: string;
  field: string | null;
  raw: string;
}

export interface RejectGroup {
  reason: string;
  count: number;
  examples: RejectExample[];
}

export interface StageDetails {
  stage: StageName;
  code: CodeFile[];
  inputs: Sample[];
  outputs: Sample[];
  rejects: RejectGroup[];
  /** Where the reject examples were read from. */
  rejectSource: string | null;
  /** A job of the run was queued or running, so table samples were skipped: the drawer asks again shortly. */
  runBusy: boolean;
  /** What the stage ran on Spark (Spark-engine runs): statements, plans, figures; null on the DuckDB engine. */
  spark: SparkStageView | null;
  /** Why the stage's Spark record could not be shown. */
  sparkUnavailable?: string;
}

export type SparkStageView = SparkStageRecord & {
  /** Whether uiUrl can be opened now: a loopback address, and the driver that serves it still runs. */
  uiLive: boolean;
  /** What the link is, or why there is none. */
  uiNote: string;
};

export interface PartitionState {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface TopicState {
  topic: string;
  partitions: PartitionState[];
}

export interface GroupOffset {
  topic: string;
  partition: number;
  committed: number;
  logEndOffset: number;
  lag: number;
}

export interface GroupState {
  group: string;
  offsets: GroupOffset[];
}

export interface EventLogState {
  topics: TopicState[];
  groups: GroupState[];
}

export interface SpeedMinute {
  start: number;
  orders: number;
  revenueCents: number;
  events: number;
  late: number;
  closed: boolean;
}

/** The run's objects in its lake, grouped by their first two key segments (`raw/events`, `curated/…`). */
export interface LakeSummary {
  location: string;
  objects: number;
  bytes: number;
  prefixes: Array<{ prefix: string; objects: number; bytes: number }>;
}

export interface StreamingState {
  tier: Tier;
  /** Why the run's services could not be read (a services run whose systems are down); the views are then empty. */
  servicesUnavailable?: string;
  eventLog: EventLogState;
  /** Where the speed layer's snapshot is kept (Redis key or the run's key file). */
  speedSource: string;
  lake: LakeSummary | null;
  /** The shop's rows written by the produce stage (PostgreSQL, services tier); null with a note where there are none. */
  database: OperationalTables | null;
  databaseNote?: string;
  speed: { watermark: number | null; lateTotal: number; minutes: SpeedMinute[] } | null;
  /** mart_daily_revenue (batch) beside the speed layer's days after the batch's high-water mark. */
  serving: DailyFigures[];
  /** The speed layer's own figure for every day it saw, to compare with the batch where both exist. */
  speedDaily: DailyFigures[];
  /** Why the batch figures are missing, if they are. */
  batchUnavailable?: string;
}
