import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfigSchema, type Manifest } from '../../pipeline/contracts/manifest';
import type { Consumer, ConsumerOptions, EventLog } from '../../pipeline/contracts/services';
import { systemClock } from '../../pipeline/core/clock';
import { createLogger } from '../../pipeline/core/logger';
import { runPipeline } from '../../pipeline/run';
import { createServices } from '../../pipeline/services/create-services';
import { memoryRunStore } from '../../pipeline/services/embedded/memory-run-store';
import { startPrometheus, type RunningPrometheus } from './prometheus-server';

/**
 * Debian's Prometheus scrapes the app's real /api/metrics route handler (served here by node:http, so no Next build
 * is needed) with the project's scrape config and alert rules, while a clean run and then a chaos run finish.
 * The figures Prometheus holds must be the manifests' figures, every dashboard query must return data, and the
 * reject-rate alert must stay quiet for the clean run and fire for the chaos run.
 */
const root = mkdtempSync(join(tmpdir(), 'prometheus-live-'));
const runsDir = join(root, 'runs');
let app: Server;
let prometheus: RunningPrometheus;
const manifests: Record<'clean' | 'chaos', Manifest | undefined> = { clean: undefined, chaos: undefined };

const quietLog = createLogger({ sink: { write: () => true }, clock: systemClock, level: 'error' });

/**
 * The embedded log with the ingest group's polls held until `released` settles: a consumer stuck behind its topics,
 * which a healthy log on this machine cannot be made to be on demand.
 */
function withHeldIngest(log: EventLog, released: Promise<void>): EventLog {
  return new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'consumer')
        return async (options: ConsumerOptions): Promise<Consumer> => {
          const consumer = await target.consumer(options);
          if (options.groupId !== 'ingest-raw') return consumer;
          return new Proxy(consumer, {
            get(inner, name) {
              if (name === 'poll')
                return async (pollOptions?: Parameters<Consumer['poll']>[0]) => {
                  await released;
                  return inner.poll(pollOptions);
                };
              const value: unknown = Reflect.get(inner, name);
              return typeof value === 'function' ? value.bind(inner) : value;
            },
          });
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function pipelineRun(
  runId: string,
  faults: 'none' | 'chaos',
  ingestReleased?: Promise<void>,
): Promise<Manifest> {
  const runDir = join(runsDir, runId);
  const opened = await createServices({
    tier: 'embedded',
    runDir,
    runStoreDir: '',
    clock: systemClock,
    runStore: memoryRunStore(),
  });
  const services = ingestReleased ? { ...opened, log: withHeldIngest(opened.log, ingestReleased) } : opened;
  try {
    const config = runConfigSchema.parse({
      seed: 42,
      events: 2000,
      days: 3,
      faults,
      tier: 'embedded',
      startDate: '2025-08-24',
      partitions: 2,
    });
    const manifest = await runPipeline({
      runId,
      runDir,
      config,
      services,
      clock: systemClock,
      log: quietLog,
    });
    expect(manifest.status).toBe('succeeded');
    return manifest;
  } finally {
    await services.close();
  }
}

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within 30 s; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

/** Waits until Prometheus has scraped the run's figures (the newest-run gauge carries its id). */
async function scraped(runId: string): Promise<void> {
  await eventually(
    `a scrape showing ${runId}`,
    () => prometheus.query(`pipeline_latest_run_reject_ratio{run_id="${runId}"}`),
    (result) => result.length === 1,
  );
}

beforeAll(async () => {
  process.env.PIPELINE_LAB_RUNS_DIR = runsDir;
  const { GET } = await import('../../app/api/metrics/route');
  app = createServer((request, response) => {
    if (request.url !== '/api/metrics') {
      response.writeHead(404).end();
      return;
    }
    GET()
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(await answer.text());
      })
      .catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const address = app.address();
  if (typeof address !== 'object' || !address) throw new Error('the metrics server has no port');
  prometheus = await startPrometheus(join(root, 'prometheus'), `127.0.0.1:${address.port}`);
});

afterAll(async () => {
  await prometheus?.stop();
  await new Promise((resolve) => app?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('Prometheus scraping /api/metrics, with the project alert rules', () => {
  it('stays quiet while the newest run is a clean one', async () => {
    manifests.clean = await pipelineRun('clean-run', 'none');
    await scraped('clean-run');
    // Three more rule evaluations (every 1 s, for: 1s): long enough for any alert to be pending or firing.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await prometheus.alerts()).toEqual([]);
    expect(await prometheus.query('ALERTS')).toEqual([]);
  });

  it('fires the reject-rate alert for a chaos run', async () => {
    manifests.chaos = await pipelineRun('chaos-run', 'chaos');
    await scraped('chaos-run');
    const alerts = await eventually(
      'PipelineRejectRateHigh firing',
      () => prometheus.alerts(),
      (list) =>
        list.some((alert) => alert.labels.alertname === 'PipelineRejectRateHigh' && alert.state === 'firing'),
    );
    const names = alerts.map((alert) => `${alert.labels.alertname}/${alert.labels.run_id}/${alert.state}`);
    expect(names).toEqual(['PipelineRejectRateHigh/chaos-run/firing']);
    const firing = await prometheus.query('ALERTS{alertname="PipelineRejectRateHigh", alertstate="firing"}');
    expect(firing.map((sample) => sample.metric.faults)).toEqual(['chaos']);
  });

  it('holds the manifests’ records per stage, rejects by reason, stage durations and consumer lag', async () => {
    const runs = [manifests.clean, manifests.chaos].filter((manifest) => manifest !== undefined);
    expect(runs).toHaveLength(2);
    const chaos = runs[1];
    if (!chaos) throw new Error('the chaos run did not finish');

    const records = await prometheus.query('sum by (stage, direction) (pipeline_stage_records_total)');
    const recordsByKey = Object.fromEntries(
      records.map((sample) => [`${sample.metric.stage}/${sample.metric.direction}`, Number(sample.value[1])]),
    );
    const expectedRecords: Record<string, number> = {};
    for (const manifest of runs)
      for (const stage of manifest.stages)
        for (const [direction, rows] of [
          ['in', stage.inputRows],
          ['out', stage.outputRows],
          ['rejected', stage.rejectedRows],
        ] as const)
          expectedRecords[`${stage.name}/${direction}`] =
            (expectedRecords[`${stage.name}/${direction}`] ?? 0) + rows;
    expect(recordsByKey).toEqual(expectedRecords);

    const rejects = await prometheus.query('sum by (stage, reason) (pipeline_rejects_total)');
    const rejectsByKey = Object.fromEntries(
      rejects.map((sample) => [`${sample.metric.stage}/${sample.metric.reason}`, Number(sample.value[1])]),
    );
    const expectedRejects = Object.fromEntries(
      chaos.stages.flatMap((stage) =>
        Object.entries(stage.rejectReasons).map(([reason, count]) => [`${stage.name}/${reason}`, count]),
      ),
    );
    expect(Object.keys(expectedRejects).length).toBeGreaterThan(3);
    expect(rejectsByKey).toEqual(expectedRejects);

    const durations = await prometheus.query('pipeline_stage_duration_seconds');
    const durationByStage = Object.fromEntries(
      durations.map((sample) => [sample.metric.stage, Number(sample.value[1])]),
    );
    expect(Object.keys(durationByStage).sort()).toEqual(chaos.stages.map((stage) => stage.name).sort());
    for (const stage of chaos.stages)
      expect(durationByStage[stage.name]).toBeCloseTo(stage.durationMs / 1000, 6);

    const ingest = chaos.stages.find((stage) => stage.name === 'ingest');
    const finalLag = ingest?.metrics.finalLag;
    expect(Array.isArray(finalLag) && finalLag.length).toBeGreaterThan(0);
    const lag = await prometheus.query('pipeline_consumer_lag');
    const lagByKey = Object.fromEntries(
      lag.map((sample) => [
        `${sample.metric.group}/${sample.metric.topic}/${sample.metric.partition}`,
        Number(sample.value[1]),
      ]),
    );
    expect(lagByKey).toEqual(
      Object.fromEntries(
        (finalLag as Array<{ group: string; topic: string; partition: number; lag: number }>).map((entry) => [
          `${entry.group}/${entry.topic}/${entry.partition}`,
          entry.lag,
        ]),
      ),
    );
  });

  it('answers every query of the provisioned Grafana dashboard with data', async () => {
    const dashboard = JSON.parse(
      readFileSync(join(process.cwd(), 'infra', 'grafana', 'dashboards', 'pipeline-lab.json'), 'utf8'),
    ) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    const queries = dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) => ({ ...target, panel: panel.title })),
    );
    expect(queries.length).toBeGreaterThanOrEqual(dashboard.panels.length);
    for (const { panel, expr } of queries) {
      const series = await eventually(
        `data for the panel “${panel}” (${expr})`,
        () => prometheus.queryRange(expr, 30),
        (result) => result.length > 0,
      );
      expect(series.length, `${panel}: ${expr}`).toBeGreaterThan(0);
    }
  });
  it('exports the consumer lag live while an ingest runs: above zero while it is held, the alert fires, then zero', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const running = pipelineRun('live-lag-run', 'none', released);
    running.catch(() => undefined);
    try {
      const held = await eventually(
        'live lag above zero for live-lag-run',
        () => prometheus.query('sum by (group, topic) (pipeline_consumer_lag{run_id="live-lag-run"})'),
        (result) => result.length === 4 && result.every((sample) => Number(sample.value[1]) > 0),
      );
      expect(held.map((sample) => sample.metric.group)).toEqual(Array(4).fill('ingest-raw'));
      // Held for a few scrapes, the lag does not fall: the ticket alert fires for this run's topics.
      const alerts = await eventually(
        'PipelineConsumerLagNotFalling firing for live-lag-run',
        () => prometheus.alerts(),
        (list) =>
          list.some(
            (alert) =>
              alert.labels.alertname === 'PipelineConsumerLagNotFalling' &&
              alert.labels.run_id === 'live-lag-run' &&
              alert.state === 'firing',
          ),
      );
      expect(
        alerts
          .filter((alert) => alert.labels.alertname === 'PipelineConsumerLagNotFalling')
          .every((alert) => alert.labels.run_id === 'live-lag-run' && alert.labels.group === 'ingest-raw'),
      ).toBe(true);
    } finally {
      release();
    }
    const manifest = await running;
    const finalLag = manifest.stages.find((stage) => stage.name === 'ingest')?.metrics.finalLag;
    expect(Array.isArray(finalLag) && finalLag.length).toBe(8);
    const after = await eventually(
      'lag back to zero for live-lag-run',
      () => prometheus.query('pipeline_consumer_lag{run_id="live-lag-run"}'),
      (result) => result.length === 8 && result.every((sample) => Number(sample.value[1]) === 0),
    );
    expect(after).toHaveLength(8);
    await eventually(
      'PipelineConsumerLagNotFalling resolved',
      () => prometheus.alerts(),
      (list) => !list.some((alert) => alert.labels.alertname === 'PipelineConsumerLagNotFalling'),
    );
  });
});
