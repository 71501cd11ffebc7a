import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface EsbuildApi {
  version: string;
  buildSync(options: Record<string, unknown>): {
    outputFiles?: Array<{ text: string }>;
    metafile?: { inputs: Record<string, unknown> };
  };
}

/** A bundle on disk with the content hash of every file that went into it. */
interface CachedBundle {
  esbuild: string;
  inputs: Record<string, string>;
  source: string;
}

const bundled = new Map<string, string | null>();
/**
 * Bundles are kept under the project's own node_modules/.cache (never a shared /tmp, where another user could
 * plant code for the worker to run), so a new process skips the synchronous esbuild call (about 35 ms, a few per
 * cent of a 1M-event generate) when no input changed.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = join(projectRoot, 'node_modules', '.cache', 'pipeline-lab-workers');

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function readCachedBundle(file: string, esbuildVersion: string): string | null {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedBundle;
    if (cached.esbuild !== esbuildVersion) return null;
    for (const [path, hash] of Object.entries(cached.inputs)) if (digest(path) !== hash) return null;
    return cached.source;
  } catch {
    return null; // no cache yet, an input gone, or a damaged file: bundle again
  }
}

function writeCachedBundle(file: string, bundle: CachedBundle): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(bundle));
    renameSync(partial, file); // atomic: a concurrent reader sees the old bundle or the new one
  } catch {
    // A read-only install: every process bundles for itself.
  }
}

/**
 * A worker thread's TypeScript entry point bundled once per process with esbuild (a dependency already) into one
 * CommonJS script, to be run with `new Worker(source, { eval: true })`: no TypeScript loader (and its extra V8
 * isolate) in the thread, whatever the cwd. Returns null where that cannot work (bundled server code without the
 * sources, no esbuild): callers then do the work on their own thread.
 */
export function bundledWorkerSource(entry: URL): string | null {
  if (entry.protocol !== 'file:' || !existsSync(fileURLToPath(entry))) return remember(entry.href, null);
  return bundle(entry.href, { entryPoints: [fileURLToPath(entry)] }, fileURLToPath(entry));
}

/**
 * The same for a script made of modules known only at run time (a tier's thread host and a stage's job): `modules`
 * are absolute file paths, and `script` the code that uses them, importing each as `module0`, `module1`, ….
 */
export function bundledWorkerScript(modules: readonly string[], script: string): string | null {
  const key = `${modules.join('\n')}\n${script}`;
  if (modules.some((module) => !existsSync(module))) return remember(key, null);
  const contents = `${modules.map((module, index) => `import * as module${index} from ${JSON.stringify(module)};`).join('\n')}\n${script}\n`;
  return bundle(
    key,
    { stdin: { contents, resolveDir: projectRoot, sourcefile: 'thread-entry.ts', loader: 'ts' } },
    key,
  );
}

function remember(key: string, source: string | null): string | null {
  bundled.set(key, source);
  return source;
}

function bundle(key: string, input: Record<string, unknown>, cacheName: string): string | null {
  const known = bundled.get(key);
  if (known !== undefined) return known;
  let source: string | null = null;
  try {
    const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildApi;
    const cacheFile = join(
      cacheDir,
      `${createHash('sha256').update(cacheName).digest('hex').slice(0, 24)}.json`,
    );
    source = readCachedBundle(cacheFile, esbuild.version);
    if (source === null) {
      const result = esbuild.buildSync({
        ...input,
        absWorkingDir: projectRoot,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      source = result.outputFiles?.[0]?.text ?? null;
      if (source !== null && result.metafile) {
        // Metafile input paths are relative to absWorkingDir; the generated script (stdin) is no file.
        const generated =
          typeof input.stdin === 'object' ? (input.stdin as { sourcefile: string }).sourcefile : null;
        const files = Object.keys(result.metafile.inputs).filter(
          (path) => path !== '<stdin>' && path !== generated,
        );
        const inputs = Object.fromEntries(
          files.map((path) => [resolve(projectRoot, path), digest(resolve(projectRoot, path))]),
        );
        writeCachedBundle(cacheFile, { esbuild: esbuild.version, inputs, source });
      }
    }
  } catch {
    source = null;
  }
  return remember(key, source);
}
