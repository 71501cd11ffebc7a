import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { outputFiles?: Array<{ text: string }> };
}

const bundled = new Map<string, string | null>();

/**
 * A worker thread's TypeScript entry point bundled once per process with esbuild (a dependency already) into one
 * CommonJS script, to be run with `new Worker(source, { eval: true })`: no TypeScript loader (and its extra V8
 * isolate) in the thread, whatever the cwd. Returns null where that cannot work (bundled server code without the
 * sources, no esbuild): callers then do the work on their own thread.
 */
export function bundledWorkerSource(entry: URL): string | null {
  const cached = bundled.get(entry.href);
  if (cached !== undefined) return cached;
  let source: string | null = null;
  try {
    if (entry.protocol === 'file:' && existsSync(fileURLToPath(entry))) {
      const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildApi;
      const result = esbuild.buildSync({
        entryPoints: [fileURLToPath(entry)],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      source = result.outputFiles?.[0]?.text ?? null;
    }
  } catch {
    source = null;
  }
  bundled.set(entry.href, source);
  return source;
}
