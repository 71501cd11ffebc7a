import type { StageName } from '@/pipeline/contracts/stages';
import type { DailyFigures } from '@/pipeline/stages/speed-layer/serving-view';

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
}

export interface PartitionState {
  partition: number;
  logEndOffset: number;
  /** Set when the partition's last segment is in a format this version cannot read (an older version wrote it). */
  unreadable?: string;
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

export interface StreamingState {
  eventLog: EventLogState;
  speed: { watermark: number | null; lateTotal: number; minutes: SpeedMinute[] } | null;
  /** mart_daily_revenue (batch) beside the speed layer's days after the batch's high-water mark. */
  serving: DailyFigures[];
  /** The speed layer's own figure for every day it saw, to compare with the batch where both exist. */
  speedDaily: DailyFigures[];
  /** Why the batch figures are missing, if they are. */
  batchUnavailable?: string;
}
