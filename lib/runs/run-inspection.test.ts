import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { fixedClock } from '@/pipeline/core/clock';
import { openServicesReader } from '@/pipeline/services/create-services';
import { EmbeddedEventLog } from '@/pipeline/services/embedded/event-log/embedded-event-log';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, StageRecord } from '@/pipeline/contracts/manifest';
import type { StageName } from '@/pipeline/contracts/stages';
import type { RunStore } from '@/pipeline/contracts/services';
import { legacyRecordFrame } from '@/tests/pipeline/event-log/legacy-record';
import { config, openTestRunStore, runInDir, tempDir } from '@/tests/pipeline/etl/helpers';
import { readEventLogState } from './event-log-state.server';
import { readNdjsonSample } from './ndjson-sample.server';
import { examplesPerReason } from './reject-examples.server';
import { collectStageDetails } from './stage-details.server';
import { collectStreamingState } from './streaming-state.server';
import { readParquetSample, readTableSample } from './table-sample.server';
import { readTopicSample } from './topic-sample.server';

/** The run's services opened for reading, as the console does, for one call. */
async function reading<T>(
  dir: string,
  use: (reader: Awaited<ReturnType<typeof openServicesReader>>) => Promise<T>,
): Promise<T> {
  const reader = await openServicesReader({ tier: 'embedded', runDir: dir });
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}
const logState = (dir: string) => reading(dir, (reader) => readEventLogState(reader.log));

/**
 * The console's server-side readers on a real run: 4,000 events with realistic faults, first stopped after produce
 * (topics written, nobody consumed), then run to the end.
 */
let runDir: string;
let runs: RunStore;
let afterProduce: Awaited<ReturnType<typeof readEventLogState>>;
let manifest: Manifest;
const record = (name: StageName): StageRecord => manifest.stages.find((stage) => stage.name === name)!;

beforeAll(async () => {
  runs = await openTestRunStore();
  runDir = path.join(tempDir('inspect'), 'inspect-run');
  const runConfig = config({ seed: 11, events: 4_000 });
  await runInDir(runDir, runs, runConfig, { until: 'produce' });
  afterProduce = await logState(runDir);
  manifest = await runInDir(runDir, runs, runConfig);
}, 120_000);

describe("event log state read through the run's services (the embedded log opened read-only)", () => {
  it('gives each partition the log-end offset the producer recorded, before and after ingest', async () => {
    const produced = JSON.parse(readFileSync(path.join(runDir, 'produced-offsets.json'), 'utf8')) as Record<
      string,
      number
    >;
    for (const state of [afterProduce, await logState(runDir)]) {
      const events = state.topics.find((topic) => topic.topic === 'events')!;
      expect(events.partitions).toHaveLength(4);
      for (const partition of events.partitions)
        expect(partition.logEndOffset).toBe(produced[`events/${partition.partition}`]);
    }
    expect(afterProduce.groups.flatMap((group) => group.offsets)).toEqual([]);
  });

  it('shows both consumer groups with committed offsets and zero lag on every partition after ingest', async () => {
    const state = await logState(runDir);
    for (const name of ['ingest-raw', 'speed-layer']) {
      const group = state.groups.find((item) => item.group === name)!;
      expect(group.offsets.filter((offset) => offset.topic === 'events')).toHaveLength(4);
      for (const offset of group.offsets) {
        expect(offset.lag).toBe(0);
        expect(offset.committed).toBe(offset.logEndOffset);
      }
    }
  });

  it('stops at a torn tail without touching the file (only the writer may truncate)', async () => {
    const copy = path.join(tempDir('torn'), 'run');
    cpSync(path.join(runDir, 'log'), path.join(copy, 'log'), { recursive: true });
    const segment = path.join(copy, 'log', 'events', 'partition-0', '00000000000000000000.log');
    const end = async () =>
      (await logState(copy)).topics.find((topic) => topic.topic === 'events')!.partitions[0]!.logEndOffset;
    const before = await end();
    appendFileSync(segment, Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    const size = statSync(segment).size;
    expect(await end()).toBe(before);
    expect(statSync(segment).size).toBe(size);
  });

  it('reads past a batch larger than the read window that follows a small one (no index entry between them)', async () => {
    const dir = path.join(tempDir('big-batch'), 'run');
    const log = new EmbeddedEventLog({ root: path.join(dir, 'log'), clock: fixedClock(1_756_000_000_000) });
    await log.createTopic({ name: 'events', partitions: 1 });
    await log.produce('events', [{ key: null, value: Buffer.from('{"small":true}') }]);
    // 12 MiB in one produce call: one batch, larger than the 4 MiB a reader asks for at a time.
    const value = Buffer.alloc(48 * 1024, 'x');
    await log.produce(
      'events',
      Array.from({ length: 256 }, () => ({ key: null, value })),
    );
    await log.close();
    expect((await logState(dir)).topics[0]!.partitions[0]!.logEndOffset).toBe(257);
    const sample = await reading(dir, (reader) => readTopicSample(reader.log, 'events', 'Events', 3));
    expect(sample.rows.map((row) => row.offset)).toEqual([0, 1, 2]);
  });

  it('says a partition written in an older on-disk format cannot be read, instead of showing it empty', async () => {
    const dir = path.join(tempDir('old-format'), 'old-run');
    const log = new EmbeddedEventLog({ root: path.join(dir, 'log'), clock: fixedClock(1_756_000_000_000) });
    await log.createTopic({ name: 'events', partitions: 1 });
    await log.close();
    const partitionDir = path.join(dir, 'log', 'events', 'partition-0');
    const segment = readdirSync(partitionDir).find((name) => name.endsWith('.log'))!;
    appendFileSync(path.join(partitionDir, segment), legacyRecordFrame());
    const sample = await reading(dir, (reader) => readTopicSample(reader.log, 'events'));
    expect(sample.rows).toEqual([]);
    expect(sample.unavailable).toMatch(/cannot be read: .*older version/);
  });

  it("shows the run's lake objects per prefix and where the speed layer keeps its state", async () => {
    const state = await reading(runDir, (reader) =>
      collectStreamingState(reader, runDir, { tablesReadable: true }),
    );
    expect(state.tier).toBe('embedded');
    const raw = state.lake!.prefixes.find((prefix) => prefix.prefix === 'raw/events/')!;
    expect(raw.objects).toBeGreaterThan(0);
    expect(raw.bytes).toBeGreaterThan(0);
    expect(state.lake!.prefixes.find((prefix) => prefix.prefix === 'curated/')!.objects).toBeGreaterThan(5);
    expect(state.lake!.objects).toBe(state.lake!.prefixes.reduce((sum, prefix) => sum + prefix.objects, 0));
    expect(state.speedSource).toMatch(/kv\/ .*speed-snapshot/);
    // The produce stage wrote the shop's rows to the run's own DuckDB file.
    expect(state.database!.location).toMatch(
      /^DuckDB .*\/oltp\/shop\.duckdb in the runs folder · schema pipeline_lab_oltp$/,
    );
    const rows = Object.fromEntries(state.database!.tables.map(({ table, rows }) => [table, rows]));
    expect(rows['pipeline_lab_oltp.users']).toBeGreaterThan(0);
    expect(rows['pipeline_lab_oltp.orders']).toBeGreaterThan(0);
    expect(rows['pipeline_lab_oltp.order_lines']).toBeGreaterThanOrEqual(rows['pipeline_lab_oltp.orders']!);
    expect(state.databaseNote).toBeUndefined();
  });
});

describe('stage samples', () => {
  it('validate: raw-zone input rows, accepted output rows and quarantine rows from the work database', async () => {
    const details = await collectStageDetails(runDir, record('validate'), {
      tablesReadable: true,
      log: 'unused',
    });
    const [raw] = details.inputs;
    expect(raw!.source).toMatch(
      /^lake\/raw\/events\/event_date=\d{4}-\d{2}-\d{2}\/part-\d+-\d+-\d+\.ndjson$/,
    );
    expect(raw!.rows.length).toBeGreaterThan(0);
    expect(raw!.columns).toContain('event_id');
    const [accepted, quarantine] = details.outputs;
    expect(accepted!.rows).toHaveLength(5);
    expect(accepted!.columns).toContain('event_id');
    expect(quarantine!.columns).toEqual(expect.arrayContaining(['reason_code', 'raw']));
    expect(details.code.map((file) => file.file)).toContain('pipeline/stages/validate/events.sql');
  });

  it('groups rejects by the manifest reasons, each with examples whose reason matches', async () => {
    const validate = record('validate');
    const details = await collectStageDetails(runDir, validate, { tablesReadable: true, log: 'unused' });
    expect(details.rejectSource).toBe("work/etl.duckdb · quarantine WHERE stage = 'validate'");
    expect(details.rejects.map((group) => group.reason).sort()).toEqual(
      Object.keys(validate.rejectReasons).sort(),
    );
    for (const group of details.rejects) {
      expect(group.count).toBe(validate.rejectReasons[group.reason]);
      expect(group.examples.length).toBe(Math.min(group.count, examplesPerReason));
      for (const example of group.examples) expect(example.raw.length).toBeGreaterThan(0);
    }
    // Without the database (the run is busy) examples come from the quarantine files instead.
    const fromFiles = await collectStageDetails(runDir, validate, { tablesReadable: false, log: 'unused' });
    expect(fromFiles.rejectSource).toBe('lake/quarantine/*/validate/');
    expect(fromFiles.rejects.some((group) => group.examples.length > 0)).toBe(true);
    expect(fromFiles.outputs[0]!.unavailable).toMatch(/busy/);
  });

  it('ingest: dead letters with examples from lake/quarantine/*/ingest, topic records as input', async () => {
    const ingest = record('ingest');
    const details = await reading(runDir, (reader) =>
      collectStageDetails(runDir, ingest, { tablesReadable: true, log: reader.log }),
    );
    expect(details.inputs[0]!.rows[0]).toMatchObject({ offset: 0 });
    expect(details.outputs[0]!.rows.length).toBeGreaterThan(0);
    expect(details.code[0]).toMatchObject({
      file: 'pipeline/stages/ingest/stage.ts',
      language: 'typescript',
    });
    for (const group of details.rejects) expect(group.examples.length).toBeGreaterThan(0);
  });

  it('export: exact DECIMAL text from the exported Parquet file, never a float', async () => {
    const sample = await readParquetSample(runDir, 'lake/curated/mart_daily_revenue.parquet');
    expect(sample.rows).toHaveLength(5);
    expect(typeof sample.rows[0]!.revenue).toBe('string');
    expect(String(sample.rows[0]!.revenue)).toMatch(/^\d+\.\d{2}$/);
  });
});

describe('the allow-list', () => {
  const db = () => path.join(runDir, 'work', 'etl.duckdb');

  it('refuses a table that is not on it, however it is spelled', async () => {
    for (const table of [
      'duckdb_settings',
      'stg_users_accepted',
      'fact_events"; DROP TABLE fact_events; --',
      'information_schema.tables',
      '',
    ]) {
      await expect(readTableSample(db(), table)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await readTableSample(db(), 'fact_events')).rows).toHaveLength(5);
  });

  it('refuses paths and topics that are not on it, including traversal and other run files', async () => {
    for (const candidate of [
      'manifest.json',
      '../inspect-run/manifest.json',
      'generated/../manifest.json',
      '/etc/passwd',
      'generated/users.ndjson',
    ]) {
      await expect(readNdjsonSample(runDir, candidate)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await expect(readParquetSample(runDir, 'lake/curated/dim_user.parquet')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      reading(runDir, (reader) => readTopicSample(reader.log, 'dead-letter')),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses an allow-listed path that is a symbolic link', async () => {
    const linked = path.join(tempDir('symlink'), 'run');
    cpSync(runDir, linked, {
      recursive: true,
      filter: (source) =>
        !source.includes(`${path.sep}lake${path.sep}`) &&
        !source.includes(`${path.sep}log${path.sep}`) &&
        !source.endsWith('.duckdb'),
    });
    const orders = path.join(linked, 'generated', 'orders.ndjson');
    rmSync(orders);
    symlinkSync('/etc/hostname', orders);
    await expect(readNdjsonSample(linked, 'generated/orders.ndjson')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('streaming state', () => {
  it('serves mart_daily_revenue as batch days, in exact cents, and the speed layer minutes beside it', async () => {
    const state = await reading(runDir, (reader) =>
      collectStreamingState(reader, runDir, { tablesReadable: true }),
    );
    const batch = state.serving.filter((day) => day.source === 'batch');
    expect(batch).toHaveLength(14);
    const aggregateRevenue = batch.reduce((sum, day) => sum + day.revenueCents, 0);
    expect(Number.isInteger(aggregateRevenue)).toBe(true);
    expect(aggregateRevenue).toBeGreaterThan(0);
    expect(state.speed!.minutes.length).toBeGreaterThan(0);
    expect(state.speed!.minutes.every((minute) => minute.events > 0 || minute.orders > 0)).toBe(true);
    // Busy run: no database open; the speed layer alone serves every day it saw (the lambda view before batch).
    const busy = await reading(runDir, (reader) =>
      collectStreamingState(reader, runDir, { tablesReadable: false }),
    );
    expect(busy.batchUnavailable).toMatch(/busy/);
    expect(busy.serving.every((day) => day.source === 'speed')).toBe(true);
    expect(busy.serving.length).toBeGreaterThan(0);
  });
});
