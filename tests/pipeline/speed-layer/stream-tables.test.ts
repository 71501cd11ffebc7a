import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@/pipeline/contracts/manifest';
import type { RunStore } from '@/pipeline/contracts/services';
import type { SpeedSnapshot } from '@/pipeline/contracts/speed';
import { streamTables } from '@/pipeline/contracts/stream-tables';
import { FileKeyValueStore } from '@/pipeline/services/embedded/file-key-value-store';
import { speedTopics } from '@/pipeline/stages/speed-layer/speed-layer';
import { speedStoreOn } from '@/pipeline/stages/speed-layer/speed-store';
import { config, openTestRunStore, queryFile, runInDir, tempDir } from '../etl/helpers';

/**
 * The stream tables of a real run (chaos faults, so late and unusable records occur) reconcile with the speed
 * layer's own figures: its saved snapshot, the ingest stage's metrics, and what the producer wrote.
 */
let runs: RunStore;
const runDir = tempDir('stream-tables');
let manifest: Manifest;
let snapshot: SpeedSnapshot;

beforeAll(async () => {
  runs = await openTestRunStore();
  manifest = await runInDir(runDir, runs, config({ events: 10_000, faults: 'chaos', seed: 7 }));
  snapshot = (await speedStoreOn(new FileKeyValueStore(join(runDir, 'kv'))).load())!;
}, 180_000);

afterAll(async () => {
  await runs.close();
});

const warehouse = <T = Record<string, unknown>>(sql: string) =>
  queryFile<T>(join(runDir, 'warehouse.duckdb'), sql);
const ingestMetrics = () => manifest.stages.find((stage) => stage.name === 'ingest')!.metrics;
const speedLayer = () =>
  ingestMetrics().speedLayer as { windows: number; lateEvents: number; unreadable: number };

describe('the stream tables of a run', () => {
  it('are exported with the columns and types of the contract, in the warehouse and as curated Parquet', async () => {
    expect(manifest.status).toBe('succeeded');
    for (const table of streamTables) {
      const columns = await warehouse<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${table.name}' ORDER BY column_index`,
      );
      expect(columns).toEqual(
        table.columns.map((column) => ({ column_name: column.name, data_type: column.type })),
      );
      const [count] = await warehouse<{ n: bigint }>(`SELECT count(*) AS n FROM ${table.name}`);
      const output = manifest.stages
        .find((stage) => stage.name === 'export')!
        .outputs.find((candidate) => candidate.path === `lake/curated/${table.name}.parquet`);
      expect(output?.rows).toBe(Number(count!.n));
      const [parquet] = await warehouse<{ n: bigint }>(
        `SELECT count(*) AS n FROM '${join(runDir, 'lake', 'curated', `${table.name}.parquet`)}'`,
      );
      expect(Number(parquet!.n)).toBe(Number(count!.n));
    }
  });

  it('stream_windows holds every window of the speed layer with its own counts and revenue', async () => {
    const [totals] = await warehouse<{
      windows: bigint;
      events: bigint;
      orders: bigint;
      late: bigint;
      cents: bigint;
    }>(
      `SELECT count(*) AS windows, sum(events) AS events, sum(orders) AS orders, sum(late) AS late,
              CAST(sum(revenue) * 100 AS BIGINT) AS cents FROM stream_windows`,
    );
    const events = snapshot.windows.reduce(
      (sum, window) => sum + Object.values(window.events).reduce((a, b) => a + b, 0),
      0,
    );
    expect({
      windows: Number(totals!.windows),
      events: Number(totals!.events),
      orders: Number(totals!.orders),
      late: Number(totals!.late),
      cents: Number(totals!.cents),
    }).toEqual({
      windows: speedLayer().windows,
      events,
      orders: snapshot.windows.reduce((sum, window) => sum + window.orders, 0),
      late: speedLayer().lateEvents,
      cents: snapshot.windows.reduce((sum, window) => sum + window.revenueCents, 0),
    });
    expect(speedLayer().windows).toBeGreaterThan(1_000);
    // The per-type columns add up to the window's events, and every window was closed, by one rule or the other.
    const [broken] = await warehouse<{ n: bigint }>(
      `SELECT count(*) AS n FROM stream_windows
        WHERE page_view + product_view + add_to_cart + purchase + search + wishlist_add + other_events <> events
           OR window_end <> window_start + INTERVAL 1 MINUTE
           OR closed_by NOT IN ('watermark', 'end_of_input')`,
    );
    expect(Number(broken!.n)).toBe(0);
  });

  it('windows, late and unusable records add up to every record the speed layer consumed', async () => {
    const produced = JSON.parse(readFileSync(join(runDir, 'produced-offsets.json'), 'utf8')) as Record<
      string,
      number
    >;
    const consumed = Object.entries(produced)
      .filter(([source]) => speedTopics.includes(source.split('/')[0]!))
      .reduce((sum, [, end]) => sum + end, 0);
    const [figures] = await warehouse<{ counted: bigint; late: bigint; unusable: bigint }>(
      `SELECT (SELECT sum(events) + sum(orders) FROM stream_windows) AS counted,
              (SELECT sum(records) FROM stream_rejects WHERE reason = 'late') AS late,
              (SELECT sum(records) FROM stream_rejects WHERE reason <> 'late') AS unusable`,
    );
    expect(Number(figures!.late)).toBe(speedLayer().lateEvents);
    expect(Number(figures!.unusable)).toBe(speedLayer().unreadable);
    expect(speedLayer().unreadable).toBeGreaterThan(0);
    expect(Number(figures!.counted) + Number(figures!.late) + Number(figures!.unusable)).toBe(consumed);
    // Late rows name a window the table has, and it was closed before they came; unusable rows name a partition.
    const [orphans] = await warehouse<{ n: bigint }>(
      `SELECT count(*) AS n FROM stream_rejects r
        WHERE (reason = 'late' AND NOT EXISTS (SELECT 1 FROM stream_windows w WHERE w.window_start = r.window_start AND w.late = r.records))
           OR (reason <> 'late' AND (topic NOT IN ('events', 'orders') OR partition IS NULL))`,
    );
    expect(Number(orphans!.n)).toBe(0);
  });

  it('stream_consumer_lag starts at the whole backlog, only falls, and ends at the run’s reported final lag', async () => {
    const rows = await warehouse<{
      sample_no: number;
      consumer_group: string;
      topic: string;
      partition: number;
      lag: bigint;
      records_landed: bigint | null;
      is_final: boolean;
    }>('SELECT * EXCLUDE (sampled_at) FROM stream_consumer_lag');
    const produced = JSON.parse(readFileSync(join(runDir, 'produced-offsets.json'), 'utf8')) as Record<
      string,
      number
    >;
    const first = rows.filter((row) => row.sample_no === 0);
    expect(
      Object.fromEntries(first.map((row) => [`${row.topic}/${row.partition}`, Number(row.lag)])),
    ).toEqual(produced);
    const finalIngest = rows
      .filter((row) => row.is_final && row.consumer_group === 'ingest-raw')
      .map(({ consumer_group, topic, partition, lag }) => ({
        group: consumer_group,
        topic,
        partition,
        lag: Number(lag),
      }));
    const reported = ingestMetrics().finalLag as Array<{
      group: string;
      topic: string;
      partition: number;
      lag: number;
    }>;
    const byKey = (a: { topic: string; partition: number }, b: { topic: string; partition: number }) =>
      a.topic.localeCompare(b.topic) || a.partition - b.partition;
    expect(finalIngest.sort(byKey)).toEqual([...reported].sort(byKey));
    const finalSpeed = rows.filter((row) => row.is_final && row.consumer_group === 'speed-layer');
    expect(new Set(finalSpeed.map((row) => row.topic))).toEqual(new Set(speedTopics));
    expect(finalSpeed.every((row) => Number(row.lag) === 0)).toBe(true);
    // Samples between: per partition the lag never rises (the producer had finished), landed records never fall.
    const samples = rows.filter((row) => !row.is_final).sort((a, b) => a.sample_no - b.sample_no);
    expect(new Set(samples.map((row) => row.sample_no)).size).toBeGreaterThan(2);
    const previous = new Map<string, number>();
    let landed = 0;
    for (const row of samples) {
      const key = `${row.topic}/${row.partition}`;
      expect(Number(row.lag)).toBeLessThanOrEqual(previous.get(key) ?? Number.POSITIVE_INFINITY);
      previous.set(key, Number(row.lag));
      expect(Number(row.records_landed)).toBeGreaterThanOrEqual(landed);
      landed = Number(row.records_landed);
    }
  });
});
