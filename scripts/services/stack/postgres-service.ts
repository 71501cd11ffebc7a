import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { checkPostgres, redact, refused } from '../../../pipeline/services/health/service-checks';
import type { CheckResult } from '../../../pipeline/services/health/check-result';
import { findExecutable } from './executables';
import { readState, writeState } from './service-state';
import type { ServiceDefinition, StackContext } from './types';

/**
 * The machine's PostgreSQL. Without DATABASE_URL, up tries docker-compose.yml's role and database and then the
 * `postgres` superuser's database (a fresh Debian install with trust on 127.0.0.1, as in CI), and writes the
 * first that answers. When nothing answers, a stopped Debian/Ubuntu cluster on that port is started with
 * pg_ctlcluster (recorded in `<dir>/postgres/started.json`, so down stops that cluster and no other).
 */
const defaultUrls = [
  'postgres://pipeline:pipeline@127.0.0.1:5432/pipeline_lab',
  'postgres://postgres@127.0.0.1:5432/postgres',
];
const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const startedSchema = z.object({ version: z.string(), cluster: z.string() });
const startedFile = (context: StackContext) => join(context.dir, 'postgres', 'started.json');

interface Cluster {
  version: string;
  cluster: string;
  port: number;
  status: string;
}

function debianClusters(): Cluster[] {
  if (findExecutable('pg_lsclusters') === undefined) return [];
  const output = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 4)
    .map(([version = '', cluster = '', port = '', status = '']) => ({
      version,
      cluster,
      port: Number(port),
      status,
    }));
}

function pgCtlCluster(cluster: { version: string; cluster: string }, action: 'start' | 'stop'): void {
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.cluster, action], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function firstAnswering(urls: string[]): Promise<{ url: string; result: CheckResult } | CheckResult> {
  const results = await Promise.all(urls.map((url) => checkPostgres(url)));
  const index = results.findIndex((result) => result.status === 'ok');
  const found = results[index];
  return found && urls[index] ? { url: urls[index], result: found } : (results[0] as CheckResult);
}

async function startStoppedCluster(context: StackContext, url: string, reason: string): Promise<void> {
  const target = new URL(url);
  const port = Number(target.port || 5432);
  const stopped = localHosts.has(target.hostname)
    ? debianClusters().find((cluster) => cluster.port === port && cluster.status === 'down')
    : undefined;
  if (!stopped) {
    throw new Error(
      `${reason}. No stopped PostgreSQL cluster on port ${port} was found to start: install PostgreSQL ` +
        '(Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql@16 && brew services start postgresql@16`), ' +
        'or set DATABASE_URL in .env to a running server.',
    );
  }
  context.say(
    `PostgreSQL: starting the stopped cluster ${stopped.version}/${stopped.cluster} on port ${port}`,
  );
  try {
    pgCtlCluster(stopped, 'start');
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `Cannot start PostgreSQL ${stopped.version}/${stopped.cluster}: ${stderr}. ` +
        `Start it yourself: \`sudo pg_ctlcluster ${stopped.version} ${stopped.cluster} start\`.`,
    );
  }
  writeState(startedFile(context), { version: stopped.version, cluster: stopped.cluster });
  for (let attempt = 0; attempt < 60; attempt++) {
    if (!refused((await checkPostgres(url)).detail)) return;
    await sleep(500);
  }
}

export const postgresService: ServiceDefinition = {
  id: 'postgres',
  name: 'PostgreSQL',
  async up(context) {
    const urls = context.config.DATABASE_URL ? [context.config.DATABASE_URL] : defaultUrls;
    const startedBefore = existsSync(startedFile(context));
    let found = await firstAnswering(urls);
    let action = startedBefore ? 'already running (started by up)' : 'using the running server';
    if (!('url' in found) && refused(found.detail) && urls[0]) {
      await startStoppedCluster(context, urls[0], found.detail);
      found = await firstAnswering(urls);
      action = 'started';
    }
    if ('url' in found) return { env: { DATABASE_URL: found.url }, action };
    throw new Error(
      context.config.DATABASE_URL
        ? `${found.detail}. Check the user, password and database name in DATABASE_URL.`
        : `${found.detail}. Create the role and database the app uses by default: ` +
            `\`sudo -u postgres psql -c "CREATE ROLE pipeline LOGIN PASSWORD 'pipeline'" -c "CREATE DATABASE pipeline_lab OWNER pipeline"\`, ` +
            'or set DATABASE_URL in .env.',
    );
  },
  async status(context) {
    const url = context.config.DATABASE_URL ?? context.generated.DATABASE_URL ?? defaultUrls[0] ?? '';
    const result = await checkPostgres(url);
    const managed = existsSync(startedFile(context));
    return {
      name: 'PostgreSQL',
      version: result.version ?? 'unknown',
      address: redact(url),
      health: result.status === 'ok' ? 'healthy' : 'down',
      detail: result.detail,
      managed,
    };
  },
  async down(context) {
    const started = readState(startedFile(context), startedSchema);
    if (!started) return 'left alone (not started by up)';
    rmSync(startedFile(context), { force: true });
    const running = debianClusters().some(
      (cluster) =>
        cluster.version === started.version &&
        cluster.cluster === started.cluster &&
        cluster.status !== 'down',
    );
    if (!running) return 'not running';
    pgCtlCluster(started, 'stop');
    return `stopped cluster ${started.version}/${started.cluster}`;
  },
};
