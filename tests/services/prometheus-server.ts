import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../scripts/services/kafka-broker';
import {
  alertNames,
  alertRules,
  scrapeConfig,
  toPrometheusYaml,
  type AlertName,
} from '../../lib/metrics/prometheus-config';

/** Debian's Prometheus (apt-get install prometheus), started by a test on a free port. */
export interface RunningPrometheus {
  url: string;
  /** An instant query's result vector. */
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** A range query over the last `seconds` at a 1 s step, as Grafana's panels ask. */
  queryRange(expr: string, seconds: number): Promise<Array<{ metric: Record<string, string> }>>;
  alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>>;
  stop(): Promise<void>;
}

interface ApiAnswer<T> {
  status: string;
  data: T;
  error?: string;
}

/**
 * Starts Prometheus with the project's scrape config and alert rules (generated from lib/metrics/prometheus-config.ts,
 * as infra/prometheus is), scraping `target` every second and evaluating every second, with every alert's `for:`
 * shortened to `alertFor` so a test waits seconds, not minutes. Its data lives in `dir`.
 */
export async function startPrometheus(
  dir: string,
  target: string,
  alertFor = '1s',
): Promise<RunningPrometheus> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const forOf = Object.fromEntries(alertNames.map((name) => [name, alertFor])) as Record<AlertName, string>;
  writeFileSync(join(dir, 'alerts.yml'), toPrometheusYaml(alertRules(forOf)));
  const options = { target, scrapeInterval: '1s', evaluationInterval: '1s', ruleFiles: ['alerts.yml'] };
  writeFileSync(join(dir, 'prometheus.yml'), toPrometheusYaml(scrapeConfig(options)));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`prometheus could not start (apt-get install prometheus): ${error.message}`)),
    ),
  );

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${url}${path}`);
    const answer = (await response.json()) as ApiAnswer<T>;
    if (answer.status !== 'success')
      throw new Error(`Prometheus ${path}: ${answer.error ?? response.status}`);
    return answer.data;
  }

  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
      const answer = await fetch(`${url}/-/ready`).catch(() => null);
      if (answer?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`prometheus was not ready on ${url} within 30 s: ${stderr}`);
  })();
  await Promise.race([ready, spawnFailed]);

  return {
    url,
    query: async (expr) =>
      (
        await api<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(
          `/api/v1/query?query=${encodeURIComponent(expr)}`,
        )
      ).result,
    queryRange: async (expr, seconds) => {
      const end = Date.now() / 1000;
      const params = new URLSearchParams({
        query: expr,
        start: String(end - seconds),
        end: String(end),
        step: '1',
      });
      return (
        await api<{ result: Array<{ metric: Record<string, string> }> }>(`/api/v1/query_range?${params}`)
      ).result;
    },
    alerts: async () =>
      (await api<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>('/api/v1/alerts'))
        .alerts,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
