import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../pipeline/core/clock';
import { createRandom } from '../../../pipeline/core/random';
import { entities, topicByEntity } from '../../../pipeline/contracts/records';
import type { Consumer, EventLog } from '../../../pipeline/contracts/services';
import type { GroundTruth } from '../../../pipeline/contracts/faults';
import { EmbeddedEventLog } from '../../../pipeline/services/embedded/event-log/embedded-event-log';
import { LocalObjectStore } from '../../../pipeline/services/shared/local-object-store';
import { generateDataset } from '../../../pipeline/stages/generate/generate-dataset';
import { ingestRaw } from '../../../pipeline/stages/ingest/ingest-raw';
import { produceEntity } from '../../../pipeline/stages/produce/produce-entity';

const clock = fixedClock(1_756_000_000_000);
const windowSize = 1_000;
let generatedDir: string;
let groundTruth: GroundTruth;
const cleanup: string[] = [];

async function producedRun(): Promise<{ runDir: string; log: EmbeddedEventLog; lake: LocalObjectStore }> {
  const runDir = mkdtempSync(join(tmpdir(), 'ingest-run-'));
  cleanup.push(runDir);
  const log = new EmbeddedEventLog({ root: join(runDir, 'log'), clock });
  for (const entity of entities) {
    await log.createTopic({ name: topicByEntity[entity], partitions: 3 });
    await produceEntity({
      log,
      topic: topicByEntity[entity],
      entity,
      file: join(generatedDir, `${entity}.ndjson`),
      batchSize: 2_000,
      fallbackTimestamp: clock.now(),
      signal: new AbortController().signal,
      onBatch: () => undefined,
    });
  }
  await log.createTopic({ name: 'dead-letter', partitions: 3 });
  return { runDir, log, lake: new LocalObjectStore(join(runDir, 'lake')) };
}

async function lakeFingerprint(lake: LocalObjectStore): Promise<Map<string, string>> {
  const fingerprint = new Map<string, string>();
  for (const object of await lake.list('')) {
    fingerprint.set(
      object.key,
      createHash('sha256')
        .update(readFileSync(lake.localPath(object.key)))
        .digest('hex'),
    );
  }
  return fingerprint;
}

function lineCount(lake: LocalObjectStore, prefix: string, keys: Iterable<string>): number {
  let lines = 0;
  for (const key of keys)
    if (key.startsWith(prefix))
      lines += readFileSync(lake.localPath(key), 'utf8').split('\n').filter(Boolean).length;
  return lines;
}

beforeAll(async () => {
  generatedDir = mkdtempSync(join(tmpdir(), 'ingest-generated-'));
  cleanup.push(generatedDir);
  await generateDataset({
    options: { seed: 7, events: 40_000, days: 3, faults: 'chaos', startDate: '2025-08-24' },
    outDir: generatedDir,
    format: 'ndjson',
    gzip: false,
    hash: false,
    groundTruthPath: join(generatedDir, 'ground-truth.json'),
    random: createRandom(7),
    clock,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
  groundTruth = JSON.parse(readFileSync(join(generatedDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
});

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('ingest into the raw zone', () => {
  it('lands every produced line exactly once: raw + dead-lettered = emitted, per entity', async () => {
    const { log, lake } = await producedRun();
    const result = await ingestRaw({
      log,
      lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
    });
    const files = [...(await lakeFingerprint(lake)).keys()];
    for (const entity of entities) {
      const counts = result.perEntity[entity];
      expect(counts.raw + counts.deadLettered).toBe(groundTruth.emitted[entity]);
      expect(lineCount(lake, `raw/${entity}/`, files)).toBe(counts.raw);
      expect(lineCount(lake, `quarantine/${entity}/ingest/`, files)).toBe(counts.deadLettered);
    }
    const malformed = groundTruth.faults.filter((fault) => fault.kind === 'malformed_line').length;
    expect(result.reasons.MALFORMED).toBe(malformed);
    expect(
      files.every((key) =>
        /^(raw\/[a-z]+\/event_date=\d{4}-\d{2}-\d{2}|quarantine\/[a-z]+\/ingest)\/part-\d+-\d+-\d+\.ndjson$/.test(
          key,
        ),
      ),
    ).toBe(true);
    expect(result.finalLag.every((partition) => partition.lag === 0)).toBe(true);
    const deadLetters = await log.offsets('dead-letter');
    // Every dead letter is counted once, under the reason validate would give it (MALFORMED, MISSING_FIELD,
    // TYPE_MISMATCH…), so the reasons add up to the dead-letter topic and to the per-entity counts.
    const deadLettered = Object.values(result.reasons).reduce((sum, count) => sum + count, 0);
    expect(deadLetters.reduce((sum, partition) => sum + partition.endOffset, 0)).toBe(deadLettered);
    expect(deadLettered).toBe(
      Object.values(result.perEntity).reduce((sum, counts) => sum + counts.deadLettered, 0),
    );
    await log.close();
  });

  it('fails with a retriable error naming the partitions when records stop arriving, and a retry finishes the lake', async () => {
    const { log, lake } = await producedRun();
    // Fault injection a real log cannot be made to produce on demand: a consumer that never hands out orders/1
    // (as a Kafka consumer whose fetches for a partition stopped would).
    const withholding: EventLog = Object.create(log) as EventLog;
    withholding.consumer = async (options) => {
      const real = await log.consumer(options);
      const poll: Consumer['poll'] = async (pollOptions) =>
        (await real.poll(pollOptions)).filter(
          (record) => !(record.topic === 'orders' && record.partition === 1),
        );
      return Object.assign(Object.create(real) as Consumer, { poll, memberId: real.memberId });
    };
    const stalled = ingestRaw({
      log: withholding,
      lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
      stallTimeoutMs: 300,
    });
    await expect(stalled).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retriable: true,
      message: expect.stringMatching(/Ingest stalled.*orders\/1 \(\d+ behind\)/),
    });
    const retried = await ingestRaw({
      log,
      lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
    });
    expect(retried.finalLag.every((partition) => partition.lag === 0)).toBe(true);
    const files = [...(await lakeFingerprint(lake)).keys()];
    for (const entity of entities)
      expect(
        lineCount(lake, `raw/${entity}/`, files) + lineCount(lake, `quarantine/${entity}/ingest/`, files),
      ).toBe(groundTruth.emitted[entity]);
    await log.close();
  });

  it('killed with SIGKILL at random points and restarted, it ends with exactly the lake of a clean run', async () => {
    const clean = await producedRun();
    await ingestRaw({
      log: clean.log,
      lake: clean.lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
    });
    await clean.log.close();
    const expected = await lakeFingerprint(clean.lake);

    const crashed = await producedRun();
    await crashed.log.close();
    const child = join(import.meta.dirname, 'ingest-child.ts');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const random = createRandom(2024);
    let kills = 0;
    // Eight processes each die with SIGKILL at a random crash point (mid-window or between write and commit);
    // each restart resumes from the committed offsets.
    for (let attempt = 0; attempt < 8; attempt++) {
      const killAt = String(random.int(1, 12));
      const child_ = spawn(tsx, [child, crashed.runDir, String(windowSize), killAt], { stdio: 'ignore' });
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child_.once('exit', (code, signal) => resolve({ code, signal })),
      );
      // tsx runs the script in a child node process and reports its SIGKILL as exit code 137.
      if (exit.signal === 'SIGKILL' || exit.code === 137) kills++;
      else expect(exit.code).toBe(0);
    }
    // Finish whatever the last kill left undone, in a process that is allowed to complete.
    const final = spawn(tsx, [child, crashed.runDir, String(windowSize)], { stdio: 'ignore' });
    expect(await new Promise((resolve) => final.once('exit', resolve))).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(6);

    const actual = await lakeFingerprint(crashed.lake);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, hash] of expected) expect(actual.get(key), key).toBe(hash);
  }, 180_000);

  it('kill -9 from outside at random moments (mid-write, mid-commit, mid-dead-letter) ends with the clean lake', async () => {
    const clean = await producedRun();
    const cleanStarted = performance.now();
    await ingestRaw({
      log: clean.log,
      lake: clean.lake,
      signal: new AbortController().signal,
      isProducerDone: () => true,
      windowSize,
    });
    // Kills land within the first third of a clean ingest's duration after the child starts consuming, so they
    // fall inside the work on a fast machine as on a slow one (a fixed 5–400 ms let a fast machine finish first,
    // and once one child has finished, every later one has nothing left to do).
    const killWithinMs = Math.max(3, Math.round((performance.now() - cleanStarted) / 3));
    await clean.log.close();
    const expected = await lakeFingerprint(clean.lake);

    const crashed = await producedRun();
    await crashed.log.close();
    const child = join(import.meta.dirname, 'ingest-child.ts');
    const random = createRandom(99);
    let killedMidRun = 0;
    for (let attempt = 0; attempt < 12 && killedMidRun < 5; attempt++) {
      // The child prints 'ingesting' once it is consuming: the kill lands a random time after that, so it
      // falls inside the work (a file half written, a rename, an offset commit, a dead-letter produce).
      // node itself runs the script (not the tsx launcher, which cannot pass a SIGKILL on to its own child).
      const process_ = spawn(
        process.execPath,
        ['--import', 'tsx', child, crashed.runDir, String(windowSize), 'none', 'announce'],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
      const started = await new Promise<boolean>((resolve) => {
        process_.stdout.on(
          'data',
          (chunk: Buffer) => chunk.toString().includes('ingesting') && resolve(true),
        );
        void exited.then(() => resolve(false));
      });
      if (!started) break;
      await new Promise((resolve) => setTimeout(resolve, random.int(2, killWithinMs)));
      const finishedFirst = process_.exitCode === 0;
      process_.kill('SIGKILL');
      const code = await exited;
      if (!finishedFirst && code !== 0) killedMidRun++;
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
    const final = spawn(process.execPath, ['--import', 'tsx', child, crashed.runDir, String(windowSize)], {
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => final.once('exit', resolve))).toBe(0);

    const actual = await lakeFingerprint(crashed.lake);
    const rows = (fingerprint: Map<string, string>) => lineCount(crashed.lake, '', fingerprint.keys());
    expect(rows(actual)).toBe(lineCount(clean.lake, '', expected.keys()));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, hash] of expected) expect(actual.get(key), key).toBe(hash);
  }, 240_000);
});
