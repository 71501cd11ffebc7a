import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * `npm run services -- up` writes the addresses of the stack it started to `<servicesDir>/services.env`
 * (default `.data/services/services.env`). The CLI, the web app and the doctor read it beneath `.env` and the
 * real environment: a value set by hand always wins over a generated one.
 */
export const servicesEnvFileName = 'services.env';

/** The services data directory: PIPELINE_LAB_SERVICES_DIR, default `.data/services`, from `cwd`. */
export function servicesDir(
  source: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): string {
  return resolve(cwd, source.PIPELINE_LAB_SERVICES_DIR || join('.data', 'services'));
}

export function servicesEnvFilePath(
  source: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): string {
  return join(servicesDir(source, cwd), servicesEnvFileName);
}

/** The generated file's variables, or none when `up` never ran here. */
export function readServicesEnvFile(file: string = servicesEnvFilePath()): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** `source` over the generated file: what the services tier's configuration is read from. */
export function withServicesEnvFile(
  source: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Record<string, string | undefined> {
  return { ...readServicesEnvFile(servicesEnvFilePath(source, cwd)), ...source };
}
