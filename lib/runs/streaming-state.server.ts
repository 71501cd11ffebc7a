import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KeyValueStore, ObjectStore, ServicesReader, Tier } from '@/pipeline/contracts/services';
import { mergeServingView, speedSnapshotKey, type SpeedSnapshot } from '@/pipeline/contracts/speed';
import { readOnlyQuery } from './duckdb-read.server';
import { readEventLogState } from './event-log-state.server';
import type { LakeSummary, SpeedMinute, StreamingState } from './inspect-types';

/** The speed snapshot of a 2M-event run is a few MiB; a bigger value is not parsed on every poll. */
const maxSnapshotBytes = 32 * 1024 * 1024;
/** The newest minutes the view lists. */
const minutesShown = 30;
/** Prefixes the lake view lists (the largest first). */
const prefixesShown = 24;

async function readSnapshot(kv: KeyValueStore): Promise<SpeedSnapshot | null> {
  try {
    const text = await kv.get(speedSnapshotKey);
    if (text === null || text.length > maxSnapshotBytes) return null;
    return JSON.parse(text) as SpeedSnapshot;
  } catch {
    return null;
  }
}

/** Every object of the run's lake, counted and summed per `zone/entity` (or `zone` for a file at its top). */
async function summariseLake(lake: ObjectStore, location: string): Promise<LakeSummary> {
  const byPrefix = new Map<string, { objects: number; bytes: number }>();
  let objects = 0;
  let bytes = 0;
  for (const object of await lake.list('')) {
    const parts = object.key.split('/');
    const prefix = parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.length === 2 ? `${parts[0]}/` : '';
    const entry = byPrefix.get(prefix) ?? { objects: 0, bytes: 0 };
    entry.objects++;
    entry.bytes += object.size;
    byPrefix.set(prefix, entry);
    objects++;
    bytes += object.size;
  }
  const prefixes = [...byPrefix]
    .map(([prefix, entry]) => ({ prefix, ...entry }))
    .sort((a, b) => a.prefix.localeCompare(b.prefix))
    .slice(0, prefixesShown);
  return { location, objects, bytes, prefixes };
}

/** mart_daily_revenue as whole cents (DECIMAL × 100 cast in SQL, so no float ever touches money). */
async function batchRevenue(
  dbFile: string,
): Promise<Array<{ date: string; orders: number; revenueCents: number }>> {
  const { rows } = await readOnlyQuery(
    dbFile,
    "SELECT strftime(date, '%Y-%m-%d') AS date, orders::BIGINT AS orders, (coalesce(revenue, 0) * 100)::BIGINT AS revenue_cents FROM mart_daily_revenue ORDER BY date",
  );
  return rows.map((row) => ({
    date: String(row.date),
    orders: Number(row.orders),
    revenueCents: Number(row.revenue_cents),
  }));
}

const noSnapshot: SpeedSnapshot = {
  allowedLatenessMs: 0,
  maxEventTime: -Infinity,
  watermark: -Infinity,
  lateTotal: 0,
  unreadable: 0,
  windows: [],
  offsets: [],
};

/** The view of a services run whose systems do not answer: empty, with the reason. */
export function unavailableStreamingState(tier: Tier, reason: string): StreamingState {
  return {
    tier,
    servicesUnavailable: reason,
    eventLog: { topics: [], groups: [] },
    speedSource: '',
    lake: null,
    database: null,
    speed: null,
    serving: [],
    speedDaily: [],
  };
}

/**
 * The streaming view of a run, read through its services (the same code for both tiers): topics, end offsets and
 * each consumer group's lag; the speed layer's newest per-minute windows from the key-value store; the run's
 * objects in the lake; the shop's rows in the operational database; and the serving view (batch
 * mart_daily_revenue where the batch has run, speed-layer days after its high-water mark).
 */
export async function collectStreamingState(
  reader: ServicesReader,
  runDir: string,
  options: { tablesReadable: boolean },
): Promise<StreamingState> {
  const [eventLog, snapshot, lake, database] = await Promise.all([
    readEventLogState(reader.log),
    readSnapshot(reader.kv),
    summariseLake(reader.lake, reader.lakeLocation),
    reader.operational.tables().then(
      (tables) => ({ tables, note: undefined }),
      (error: unknown) => ({
        tables: null,
        note: `The operational database cannot be read now: ${error instanceof Error ? error.message : String(error)}`,
      }),
    ),
  ]);
  const dbFile = path.join(runDir, 'work', 'etl.duckdb');
  let batch: Array<{ date: string; orders: number; revenueCents: number }> = [];
  let batchUnavailable: string | undefined;
  if (!options.tablesReadable)
    batchUnavailable = 'The run is busy; the batch figures appear when its job has finished.';
  else if (!existsSync(dbFile)) batchUnavailable = 'No batch figures yet: run the aggregate stage.';
  else {
    batch = await batchRevenue(dbFile).catch(() => {
      batchUnavailable = 'No batch figures yet: run the aggregate stage.';
      return [];
    });
  }
  const speedSnapshot = snapshot ?? noSnapshot;
  const minutes: SpeedMinute[] = [...(snapshot?.windows ?? [])]
    .sort((a, b) => a.start - b.start)
    .filter((window) => window.orders > 0 || Object.keys(window.events).length > 0)
    .slice(-minutesShown)
    .map((window) => ({
      start: window.start,
      orders: window.orders,
      revenueCents: window.revenueCents,
      events: Object.values(window.events).reduce((sum, count) => sum + count, 0),
      late: window.late,
      closed: window.closed,
    }));
  return {
    tier: reader.tier,
    eventLog,
    speedSource: `${reader.kvLocation} · key ${speedSnapshotKey}`,
    lake,
    database: database.tables,
    ...(database.note ? { databaseNote: database.note } : {}),
    speed: snapshot
      ? {
          watermark: Number.isFinite(snapshot.watermark) ? snapshot.watermark : null,
          lateTotal: snapshot.lateTotal,
          minutes,
        }
      : null,
    serving: mergeServingView(batch, speedSnapshot),
    // With no batch rows the merge is the speed layer alone: its figure for every day, batch-covered or not.
    speedDaily: mergeServingView([], speedSnapshot),
    ...(batchUnavailable ? { batchUnavailable } : {}),
  };
}
