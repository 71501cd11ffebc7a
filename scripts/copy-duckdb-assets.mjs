#!/usr/bin/env node
// Copies DuckDB-WASM's engine and worker from node_modules into public/duckdb/<version>/ and pre-compresses
// each file once (.br, .gz at level 9), so the server never compresses the 34 MB engine per request.
// Runs from `postinstall` and `prebuild`; skips files that are already up to date. public/duckdb/ is git-ignored.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.cwd();
const dist = join(root, 'node_modules', '@duckdb', 'duckdb-wasm', 'dist');
if (!existsSync(dist)) {
  console.log('copy-duckdb-assets: @duckdb/duckdb-wasm is not installed yet, nothing to copy.');
  process.exit(0);
}
const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'));
// eh: WebAssembly exception handling (every current browser); mvp: the fallback for older engines.
const files = [
  'duckdb-eh.wasm',
  'duckdb-browser-eh.worker.js',
  'duckdb-mvp.wasm',
  'duckdb-browser-mvp.worker.js',
];
const outRoot = join(root, 'public', 'duckdb');
const out = join(outRoot, version);
mkdirSync(out, { recursive: true });
// Old versions would only waste disk: the URL carries the version, so nothing can still ask for them.
for (const entry of readdirSync(outRoot)) {
  if (entry !== version && entry !== 'assets.json')
    rmSync(join(outRoot, entry), { recursive: true, force: true });
}

// Quality 11 squeezes the engine every current browser downloads (5.2 MB vs 5.9 MB at quality 9) but takes about
// 95 s on one core; the mvp fallback, which only engines without WebAssembly exceptions fetch, gets quality 9
// (about 20 s), which takes a minute and a half off every fresh `npm install`.
const brotliQuality = (name) => (name.includes('-mvp') ? 9 : 11);
const upToDate = (source, target) =>
  existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs;
const assets = {};
for (const name of files) {
  const source = join(dist, name);
  const target = join(out, name);
  if (!upToDate(source, target)) copyFileSync(source, target);
  if (!upToDate(target, `${target}.br`) || !upToDate(target, `${target}.gz`)) {
    const started = Date.now();
    const bytes = readFileSync(target);
    writeFileSync(
      `${target}.br`,
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: brotliQuality(name),
          [constants.BROTLI_PARAM_LGWIN]: 24,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    );
    writeFileSync(`${target}.gz`, gzipSync(bytes, { level: 9 }));
    console.log(`copy-duckdb-assets: compressed ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  assets[name] = {
    bytes: statSync(target).size,
    br: statSync(`${target}.br`).size,
    gz: statSync(`${target}.gz`).size,
  };
}
// Rewrite the index only when it changes: scripts/start.mjs rebuilds when anything under public/ is newer.
const index = JSON.stringify({ version, assets }, null, 2) + '\n';
const indexFile = join(outRoot, 'assets.json');
if (!existsSync(indexFile) || readFileSync(indexFile, 'utf8') !== index) writeFileSync(indexFile, index);
console.log(`copy-duckdb-assets: DuckDB-WASM ${version} in public/duckdb/${version}/`);
