import 'server-only';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { mergeServingView } from '@/pipeline/stages/speed-layer/serving-view';
import type { SpeedSnapshot } from '@/pipeline/stages/speed-layer/windows';
import { readOnlyQuery } from './duckdb-read.server';
import { readEventLogState } from './event-log-state.server';
import type { SpeedMinute, StreamingState } from './inspect-types';

/** The speed snapshot of a 2M-event run is a few MiB; a bigger file is not parsed on every poll. */
const maxSnapshotBytes = 32 * 1024 * 1024;
/** The newest minutes the view lists. */
const minutesShown = 30;

async function readSnapshot(runDir: string): Promise<SpeedSnapshot | null> {
  const file = path.join(runDir, 'speed', 'snapshot.json');
  try {
    if ((await stat(file)).size > maxSnapshotBytes) return null;
    return JSON.parse(await readFile(file, 'utf8')) as SpeedSnapshot;
  } catch {
    return null;
  }
}

/** mart_daily_revenue as whole cents (DECIMAL × 100 cast in SQL, so no float ever touches money). */
async function batchRevenue(dbFile: string): Promise<Array<{ date: string; orders: number; revenueCents: number }>> {
  const { rows } = await readOnlyQuery(
    dbFile,
    'SELECT strftime(date, \'%Y-%m-%d\') AS date, orders::BIGINT AS orders, (coalesce(revenue, 0) * 100)::BIGINT AS revenue_cents FROM mart_daily_revenue ORDER BY date',
  );
  return rows.map((row) => ({ date: String(row.date), orders: Number(row.orders), revenueCents: Number(row.revenue_cents) }));
}

/**
 * The streaming view of a run: the embedded log's topics, offsets and consumer lag; the speed layer's newest
 * per-minute windows; and the serving view (batch mart_daily_revenue where the batch has run, speed-layer days
 * after its high-water mark), merged by the pipeline's own mergeServingView.
 */
export async function collectStreamingState(runDir: string, options: { tablesReadable: boolean }): Promise<StreamingState> {
  const [eventLog, snapshot] = await Promise.all([readEventLogState(path.join(runDir, 'log')), readSnapshot(runDir)]);
  const dbFile = path.join(runDir, 'work', 'etl.duckdb');
  let batch: Array<{ date: string; orders: number; revenueCents: number }> = [];
  let batchUnavailable: string | undefined;
  if (!options.tablesReadable) batchUnavailable = 'The run is busy; the batch figures appear when its job has finished.';
  else if (!existsSync(dbFile)) batchUnavailable = 'No batch figures yet: run the aggregate stage.';
  else {
    batch = await batchRevenue(dbFile).catch(() => {
      batchUnavailable = 'No batch figures yet: run the aggregate stage.';
      return [];
    });
  }
  const speedSnapshot: SpeedSnapshot = snapshot ?? { allowedLatenessMs: 0, maxEventTime: -Infinity, watermark: -Infinity, lateTotal: 0, unreadable: 0, windows: [], offsets: [] };
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
    eventLog,
    speed: snapshot ? { watermark: Number.isFinite(snapshot.watermark) ? snapshot.watermark : null, lateTotal: snapshot.lateTotal, minutes } : null,
    serving: mergeServingView(batch, speedSnapshot),
    // With no batch rows the merge is the speed layer alone: its figure for every day, batch-covered or not.
    speedDaily: mergeServingView([], speedSnapshot),
    ...(batchUnavailable ? { batchUnavailable } : {}),
  };
}
