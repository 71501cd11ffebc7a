import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestSchema, type Manifest, type StageRecord } from '@/pipeline/contracts/manifest';
import { stageNames, type StageName } from '@/pipeline/contracts/stages';
import { evidenceKeys } from '@/content/schema/question';
import { buildEvidence, fillEvidence } from './evidence';

const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence from the learner run', () => {
  it('fills every placeholder from a real run manifest', () => {
    execFileSync(
      join(process.cwd(), 'node_modules', '.bin', 'tsx'),
      ['pipeline/cli.ts', 'run', '--events', '3000', '--seed', '5', '--out', join(dir, 'evidence-run')],
      { stdio: 'ignore' },
    );
    const manifest = manifestSchema.parse(
      JSON.parse(readFileSync(join(dir, 'evidence-run', 'manifest.json'), 'utf8')),
    );
    const evidence = buildEvidence(manifest);
    expect(Object.keys(evidence).sort()).toEqual([...evidenceKeys].sort());
    expect(evidence['run.events']).toBe('3,000');
    expect(evidence['run.checkRecall']).toBe('100.0%');
    expect(evidence['run.stageTimings']).toMatch(/^generate [\d.]+ s, produce [\d.]+ s/);
    const rejected = manifest.stages.reduce((sum, stage) => sum + stage.rejectedRows, 0);
    expect(evidence['run.rejected']).toBe(rejected.toLocaleString('en-US'));
    const filled = fillEvidence('I processed {{run.events}} events; recall {{ run.checkRecall }}.', evidence);
    expect(filled).toBe('I processed 3,000 events; recall 100.0%.');
  }, 120_000);

  it('fills every placeholder from a crafted manifest with exactly the figures it holds', () => {
    const evidence = buildEvidence(craftedManifest());
    expect(evidence).toEqual({
      'run.events': '12,000',
      'run.faultProfile': 'chaos',
      // All nine stages: 100 + 200 + 1,500 + 900 + 300 + 1,200 + 400 + 600 + 800 ms.
      'run.totalDuration': '6.0 s',
      // The batch layer only: validate 900 + dedupe 300 + model 1,200 + aggregate 400 + export 600 ms.
      'run.batchDuration': '3.4 s',
      'run.stageTimings':
        'generate 0.1 s, produce 0.2 s, ingest 1.5 s, validate 0.9 s, dedupe 0.3 s, model 1.2 s, aggregate 0.4 s, export 0.6 s, quality 0.8 s',
      'run.slowestStage': 'ingest (1.5 s, 25%)',
      // Ingest's 30 dead letters and validate's 1,170 rejects, each once; the reasons add up to the total.
      'run.rejected': '1,200',
      'run.rejectReasons': 'ORPHAN_KEY 700, TYPE_MISMATCH 330, MALFORMED 170',
      'run.duplicatesRemoved': '215',
      'run.checkRecall': '99.5%',
      'run.checkPrecision': '100.0%',
      'run.partitions': '4',
      'run.maxLag': '2,500',
      'run.throughput': '2,000 events/s',
    });
    const sum = evidence['run.rejectReasons']
      .split(', ')
      .reduce((total, part) => total + Number(part.split(' ')[1]!.replace(/,/g, '')), 0);
    expect(sum.toLocaleString('en-US')).toBe(evidence['run.rejected']);
  });

  it('counts the ingest dead letters once in a run written before each stage owned its rejects', () => {
    const manifest = craftedManifest();
    const validate = manifest.stages.find((stage) => stage.name === 'validate')!;
    const ingest = manifest.stages.find((stage) => stage.name === 'ingest')!;
    // Then validate re-read the dead letters: its input was ingest's, its rejects and reasons included them.
    Object.assign(validate, {
      inputRows: ingest.inputRows,
      rejectedRows: 1_200,
      rejectReasons: { ORPHAN_KEY: 700, TYPE_MISMATCH: 330, MALFORMED: 170 },
    });
    const evidence = buildEvidence(manifest);
    expect([evidence['run.rejected'], evidence['run.rejectReasons']]).toEqual([
      '1,200',
      'ORPHAN_KEY 700, TYPE_MISMATCH 330, MALFORMED 170',
    ]);
  });

  it('marks the gap when there is no run yet, and leaves unknown keys alone', () => {
    expect(fillEvidence('Lag was {{run.maxLag}}.', null)).toBe(
      'Lag was [your figure: run the pipeline first].',
    );
    expect(fillEvidence('{{run.nope}}', null)).toContain('run the pipeline first');
  });
});

function craftedManifest(): Manifest {
  const durations: Record<StageName, number> = {
    generate: 100,
    produce: 200,
    ingest: 1_500,
    validate: 900,
    dedupe: 300,
    model: 1_200,
    aggregate: 400,
    export: 600,
    quality: 800,
  };
  const stage = (name: StageName, fields: Partial<StageRecord> = {}): StageRecord => ({
    name,
    status: 'succeeded',
    attempts: 1,
    inputRows: 0,
    outputRows: 0,
    rejectedRows: 0,
    rejectReasons: {},
    durationMs: durations[name],
    startedAt: null,
    finishedAt: null,
    error: null,
    outputs: [],
    metrics: {},
    ...fields,
  });
  const special: Partial<Record<StageName, Partial<StageRecord>>> = {
    ingest: {
      inputRows: 13_000,
      outputRows: 12_970,
      rejectedRows: 30,
      rejectReasons: { MALFORMED: 20, TYPE_MISMATCH: 10 },
      metrics: {
        lagSamples: [
          { landed: 5_000, totalLag: 2_500 },
          { landed: 10_000, totalLag: 1_000 },
          { landed: 12_970, totalLag: 0 },
        ],
      },
    },
    validate: {
      inputRows: 12_970,
      outputRows: 11_800,
      rejectedRows: 1_170,
      rejectReasons: { ORPHAN_KEY: 700, TYPE_MISMATCH: 320, MALFORMED: 150 },
    },
    dedupe: { inputRows: 11_800, outputRows: 11_585, metrics: { duplicatesRemoved: 215 } },
    quality: { metrics: { recall: 0.995, precision: 1 } },
  };
  return manifestSchema.parse({
    runId: 'crafted',
    seed: 1,
    config: {
      seed: 1,
      events: 12_000,
      days: 14,
      faults: 'chaos',
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 4,
    },
    tier: 'embedded',
    toolVersion: 'test',
    startedAt: '2025-08-24T00:00:00.000Z',
    finishedAt: '2025-08-24T00:00:06.000Z',
    status: 'succeeded',
    stages: stageNames.map((name) => stage(name, special[name])),
  });
}
