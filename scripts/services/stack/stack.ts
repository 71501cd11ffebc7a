import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { servicesEnvFileName } from '../../../pipeline/services/services-env-file';
import { redact } from '../../../pipeline/services/health/service-checks';
import type { ServiceDefinition, ServiceStatus, StackContext } from './types';

export interface UpOutcome {
  name: string;
  ok: boolean;
  /** What up did, or why it failed (with the fix). */
  message: string;
}

/**
 * Starts every service at once (the two JVMs start side by side), then writes services.env with the addresses
 * of those that answered, over what an earlier up wrote for the others.
 */
export async function upStack(
  definitions: readonly ServiceDefinition[],
  context: StackContext,
): Promise<{ outcomes: UpOutcome[]; env: Record<string, string>; envFile: string }> {
  const env: Record<string, string> = { ...context.generated };
  const outcomes = await Promise.all(
    definitions.map(async (definition): Promise<UpOutcome> => {
      try {
        const result = await definition.up(context);
        Object.assign(env, result.env);
        context.say(`${definition.name}: ${result.action}`);
        return { name: definition.name, ok: true, message: result.action };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.say(`${definition.name}: failed: ${message}`);
        return { name: definition.name, ok: false, message };
      }
    }),
  );
  const envFile = writeServicesEnv(context.dir, env);
  return { outcomes, env, envFile };
}

export function statusOfStack(
  definitions: readonly ServiceDefinition[],
  context: StackContext,
): Promise<ServiceStatus[]> {
  return Promise.all(definitions.map((definition) => definition.status(context)));
}

/** Stops, in reverse order, what up started; leaves everything else (and every service's data) alone. */
export async function downStack(
  definitions: readonly ServiceDefinition[],
  context: StackContext,
): Promise<Array<{ name: string; message: string }>> {
  const stopped: Array<{ name: string; message: string }> = [];
  for (const definition of [...definitions].reverse()) {
    stopped.push({ name: definition.name, message: await definition.down(context) });
  }
  return stopped;
}

function writeServicesEnv(dir: string, env: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, servicesEnvFileName);
  const lines = [
    '# Written by `npm run services -- up`: where the stack it started answers. The app, `npm run pipeline` and',
    '# `npm run doctor` read it beneath .env and the environment (a value set there wins over this file).',
    ...Object.entries(env)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}=${value}`),
  ];
  writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

const sameAddress = (a: string, b: string) =>
  a.replaceAll('localhost', '127.0.0.1') === b.replaceAll('localhost', '127.0.0.1');

/** The generated values a hand-set one hides, each with where it is set (the app would not use the stack's). */
export function shadowedValues(
  written: Record<string, string>,
  sources: { environment: Record<string, string | undefined>; dotEnv: Record<string, string | undefined> },
): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(written)) {
    const fromEnvironment = sources.environment[key];
    const fromDotEnv = sources.dotEnv[key];
    const [where, set] =
      fromEnvironment !== undefined ? ['the environment', fromEnvironment] : ['.env', fromDotEnv];
    if (set !== undefined && !sameAddress(set, value)) {
      lines.push(
        `${key} is set in ${where} to ${redact(set)}, which wins over the stack's ${redact(value)}: remove it there to use the stack.`,
      );
    }
  }
  return lines;
}
