import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMDXComponent } from 'mdx-bundler/client';
import { renderToString } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonComponents } from '@/components/mdx';
import type { CqlCellTarget } from '@/components/mdx/cql-cell';
import { cassandraExperimentNames } from '@/pipeline/contracts/cassandra-lab';
import { cassandraCellTarget, noServicesRunReason, windowDays } from '@/lib/cassandra/cell-target.server';
import { compileLesson } from '@/lib/content/compile-lesson.server';
import { parseLessonSource } from '@/lib/content/lesson-source';

/**
 * The wide-column section of the storage-choices lesson: one live cell per experiment, rendered by the lesson page's
 * own compiler and components, with the one-line fix when there is no services-tier run and the run's keyspace
 * when there is; and how the page picks that run from the manifests.
 */
const source = readFileSync(join(process.cwd(), 'content', 'lessons', 'storage-choices.mdx'), 'utf8');
const { body } = parseLessonSource('storage-choices.mdx', source);

async function render(cassandra: CqlCellTarget | null): Promise<string> {
  const Lesson = getMDXComponent(await compileLesson(body));
  return renderToString(
    <Lesson
      components={lessonComponents({
        formatStats: null,
        sampleFormats: null,
        tableRows: null,
        monitoring: null,
        cassandra,
      })}
    />,
  );
}

const cells = (html: string) => [...html.matchAll(/data-experiment="([a-z-]+)"/g)].map((match) => match[1]);

describe('the wide-column lesson section', () => {
  it('has one live cell for each experiment', async () => {
    expect(new Set(cells(await render(null)))).toEqual(new Set(cassandraExperimentNames));
  });

  it('without a services-tier run, every cell renders and says how to get one', async () => {
    const html = await render({ reason: noServicesRunReason });
    expect(html.match(/data-testid="cql-cell-unavailable"/g)).toHaveLength(cassandraExperimentNames.length);
    expect(html).toContain('npm run services -- up');
    expect(html).not.toContain('cql-cell-run');
  });

  it('with a services-tier run, every cell names its keyspace and offers Run', async () => {
    const html = await render({ runId: 'services-1', keyspace: 'pipeline_lab_services_1' });
    expect(html.match(/data-testid="cql-cell-run"/g)).toHaveLength(cassandraExperimentNames.length);
    expect(html).toContain('pipeline_lab_services_1');
    expect(html).not.toContain('cql-cell-unavailable');
  });
});

describe('the run the cells read', () => {
  const root = mkdtempSync(join(tmpdir(), 'cql-target-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const manifest = (runId: string, tier: string, startedAt: string, exportStatus: string) => ({
    runId,
    seed: 1,
    config: { seed: 1, events: 1000, days: 3, faults: 'none', tier, startDate: '2025-08-30', partitions: 4 },
    tier,
    toolVersion: 'test',
    startedAt,
    finishedAt: startedAt,
    status: exportStatus === 'succeeded' ? 'succeeded' : 'failed',
    stages: [
      'generate',
      'produce',
      'ingest',
      'validate',
      'dedupe',
      'model',
      'aggregate',
      'export',
      'quality',
    ].map((name) => ({
      name,
      status: name === 'export' ? exportStatus : 'succeeded',
      attempts: 1,
      inputRows: 0,
      outputRows: 0,
      rejectedRows: 0,
      rejectReasons: {},
      durationMs: 1,
      startedAt: null,
      finishedAt: null,
      error: null,
      outputs: [],
      metrics: {},
    })),
  });
  const write = (runsDir: string, runId: string, ...rest: [string, string, string]) => {
    mkdirSync(join(runsDir, runId), { recursive: true });
    writeFileSync(join(runsDir, runId, 'manifest.json'), JSON.stringify(manifest(runId, ...rest)));
  };

  it('is the newest services-tier run whose export succeeded, with its days', async () => {
    const runsDir = join(root, 'mixed');
    write(runsDir, 'services-old', 'services', '2025-09-01T00:00:00.000Z', 'succeeded');
    write(runsDir, 'services-failed', 'services', '2025-09-03T00:00:00.000Z', 'failed');
    write(runsDir, 'embedded-new', 'embedded', '2025-09-04T00:00:00.000Z', 'succeeded');
    expect(await cassandraCellTarget(runsDir)).toEqual({
      runId: 'services-old',
      days: ['2025-08-30', '2025-08-31', '2025-09-01'],
    });
  });

  it('is none on the embedded tier only, with the one-line fix', async () => {
    const runsDir = join(root, 'embedded');
    write(runsDir, 'embedded-only', 'embedded', '2025-09-04T00:00:00.000Z', 'succeeded');
    expect(await cassandraCellTarget(runsDir)).toEqual({ reason: noServicesRunReason });
    expect(noServicesRunReason).toContain('`npm run services -- up`');
  });

  it('crosses month ends', () => {
    expect(windowDays('2024-02-28', 3)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});
