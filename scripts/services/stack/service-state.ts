import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { isPortFree } from '../../doctor/system-checks';
import { freePort } from '../kafka-broker';

/** A service's remembered settings (its ports), so addresses stay the same from one `up` to the next. */
export function readState<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function writeState(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * The port a server of ours listens on: the one it had last time while that is free, else the usual port of the
 * service (so a copied .env.example matches) unless `anyPorts`, else any free port other than `avoid`.
 */
export async function choosePort(options: {
  previous: number | undefined;
  usual: number;
  anyPorts: boolean;
  avoid?: number[];
}): Promise<number> {
  const avoid = new Set(options.avoid ?? []);
  if (
    options.previous !== undefined &&
    !avoid.has(options.previous) &&
    (await isPortFree(options.previous))
  ) {
    return options.previous;
  }
  if (!options.anyPorts && !avoid.has(options.usual) && (await isPortFree(options.usual)))
    return options.usual;
  for (;;) {
    const port = await freePort();
    if (!avoid.has(port)) return port;
  }
}
