/**
 * `npm run services -- up | down | status`: the services tier without Docker. up starts Apache Kafka (KRaft) and
 * an S3 server from their Maven jars as detached processes (state under .data/services, or
 * PIPELINE_LAB_SERVICES_DIR), uses the machine's PostgreSQL and Redis (starting them when they are installed
 * and stopped), waits until each answers, and writes their addresses to <dir>/services.env, which the app,
 * `npm run pipeline` and `npm run doctor` read beneath .env. status shows each service's version, address and
 * health (exit 1 unless all are healthy); down stops what up started and nothing else.
 *
 *   npm run services -- up [--any-ports]   # --any-ports: free ports instead of 9092/9000 (several stacks on one machine)
 *   npm run services -- status [--json]
 *   npm run services -- down
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import {
  readServicesEnvFile,
  servicesDir,
  servicesEnvFilePath,
} from '../pipeline/services/services-env-file';
import { serviceDefinitions } from './services/stack/definitions';
import { downStack, shadowedValues, statusOfStack, upStack } from './services/stack/stack';
import type { StackContext } from './services/stack/types';

const usage = 'Usage: npm run services -- up [--any-ports] | status [--json] | down';
const [command, ...rest] = process.argv.slice(2);
const { values: flags } = parseArgs({
  args: rest,
  options: { 'any-ports': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  strict: true,
});

const dotEnv: Record<string, string | undefined> = existsSync('.env')
  ? parseEnv(readFileSync('.env', 'utf8'))
  : {};
const config = { ...dotEnv, ...process.env };
const context: StackContext = {
  dir: servicesDir(config),
  config,
  generated: readServicesEnvFile(servicesEnvFilePath(config)),
  anyPorts: flags['any-ports'],
  say: (line) => console.log(line),
};

if (command === 'up') {
  const { outcomes, env, envFile } = await upStack(serviceDefinitions, context);
  const failed = outcomes.filter((outcome) => !outcome.ok);
  console.log(
    `\nWrote ${envFile}: \`npm start\`, \`npm run pipeline -- run --tier services\` and \`npm run doctor\` read it.`,
  );
  for (const line of shadowedValues(env, { environment: process.env, dotEnv })) console.log(`! ${line}`);
  if (failed.length > 0) {
    console.log(
      `\n${failed.length} service(s) did not start: ${failed.map((outcome) => outcome.name).join(', ')} (see above).`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      'All services are up. `npm run services -- status` shows them; `npm run services -- down` stops them.',
    );
  }
} else if (command === 'status') {
  const statuses = await statusOfStack(serviceDefinitions, context);
  if (flags.json) {
    console.log(JSON.stringify(statuses));
  } else {
    const rows = [
      ['Service', 'Version', 'Address', 'Health', 'Started by'],
      ...statuses.map((status) => [
        status.name,
        status.version,
        status.address,
        status.health,
        status.managed
          ? `npm run services${status.pid ? ` (pid ${status.pid})` : ''}`
          : 'not by npm run services',
      ]),
    ];
    const widths =
      rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    for (const row of rows)
      console.log(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      );
    for (const status of statuses.filter((entry) => entry.health !== 'healthy'))
      console.log(`\n${status.name}: ${status.detail}`);
  }
  process.exitCode = statuses.every((status) => status.health === 'healthy') ? 0 : 1;
} else if (command === 'down') {
  for (const { name, message } of await downStack(serviceDefinitions, context))
    console.log(`${name}: ${message}`);
} else {
  console.error(usage);
  process.exitCode = 2;
}
