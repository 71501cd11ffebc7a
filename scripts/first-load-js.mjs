#!/usr/bin/env node
// Prints the first-load JavaScript of every page route (gzip, as the browser downloads it), read from the
// production build in .next/. Next 16 no longer prints sizes in its build output, so this is our route table.
// Prerendered routes are read from their HTML; routes rendered on demand (the playground) have no HTML in the
// build, so theirs is the framework's chunks plus the entry chunks of the page's client reference manifest,
// which is the same set the HTML of a prerendered route references.
//   node scripts/first-load-js.mjs [--json] [--budget 130]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const appDir = join('.next', 'server', 'app');
if (!existsSync(appDir)) {
  console.error('No production build in .next/: run `npm run build` first.');
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') && !name.startsWith('_global-error') ? [full] : [];
  });
}

const sizeCache = new Map();
/** [gzip -9 bytes, brotli bytes] of one built chunk. */
function compressedBytes(src) {
  if (!sizeCache.has(src)) {
    const file = join('.next', src.replace(/^\/_next\//, '').split('?')[0]);
    const body = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    sizeCache.set(src, [gzipSync(body, { level: 9 }).length, brotliCompressSync(body).length]);
  }
  return sizeCache.get(src);
}

// The framework's own chunks (React, the App Router runtime): every route loads them, whatever the app does.
const manifestFile = join('.next', 'build-manifest.json');
const rootMainFiles = existsSync(manifestFile)
  ? (JSON.parse(readFileSync(manifestFile, 'utf8')).rootMainFiles ?? [])
  : [];
const isFramework = (src) => rootMainFiles.some((file) => src.split('?')[0].endsWith(file));

function manifestFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return manifestFiles(full);
    return name === 'page_client-reference-manifest.js' ? [full] : [];
  });
}

/** The script URLs of a prerendered page's HTML (noModule scripts are legacy polyfills modern browsers skip). */
function htmlScripts(file) {
  const html = readFileSync(file, 'utf8');
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/\bnoModule\b/i.test(tag));
  return [...new Set(tags.map((tag) => /src="([^"]+\.js[^"]*)"/.exec(tag)?.[1]).filter(Boolean))];
}

const require = createRequire(import.meta.url);
/** The script URLs of an on-demand page: the framework's chunks and its client reference manifest's entries. */
function manifestScripts(file) {
  globalThis.self ??= globalThis; // the manifest assigns itself to self.__RSC_MANIFEST
  require(resolve(file));
  const page = '/' + relative(appDir, dirname(file)).split('\\').join('/') + '/page';
  const manifest = globalThis.__RSC_MANIFEST?.[page];
  if (!manifest) throw new Error(`${file} has no client reference manifest for ${page}`);
  const entries = Object.values(manifest.entryJSFiles ?? {}).flat();
  return [...new Set([...rootMainFiles, ...entries])].map((chunk) => `/_next/${chunk}`);
}

const prerendered = htmlFiles(appDir).map((file) => ({
  file,
  route:
    '/' +
    relative(appDir, file)
      .replace(/\.html$/, '')
      .replace(/(^|\/)index$/, ''),
  scripts: htmlScripts(file),
}));
/** Whether a prerendered route is an instance of a dynamic segment's pattern (/interview/sql/[id]). */
const instanceOf = (pattern, route) =>
  new RegExp('^' + pattern.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\[[^/]+?\]/g, '[^/]+') + '$').test(
    route,
  );

// Dynamic segments rendered on demand (a question page, a lesson) are reported under their pattern; one that is
// prerendered for every value (the challenge pages) is already reported from its HTML.
const onDemand = manifestFiles(appDir)
  .map((file) => ({
    file,
    route: '/' + relative(appDir, dirname(file)).split('\\').join('/'),
    dynamic: true,
  }))
  .filter(
    (page) =>
      !['/_not-found', '/_global-error'].includes(page.route) &&
      !prerendered.some((row) => row.route === page.route || instanceOf(page.route, row.route)),
  )
  .filter((page) => !page.route.startsWith('/api'))
  .map((page) => ({ ...page, scripts: manifestScripts(page.file) }));

const rows = [...prerendered, ...onDemand].map(({ route, scripts, dynamic }) => {
  const gzip = scripts.reduce((sum, src) => sum + compressedBytes(src)[0], 0);
  const brotli = scripts.reduce((sum, src) => sum + compressedBytes(src)[1], 0);
  const framework = scripts.filter(isFramework).reduce((sum, src) => sum + compressedBytes(src)[0], 0);
  return {
    route: route === '/_not-found' ? '/_not-found (404)' : route,
    rendered: dynamic ? 'on demand' : 'prerendered',
    scripts: scripts.length,
    gzipKiB: +(gzip / 1024).toFixed(1),
    brotliKiB: +(brotli / 1024).toFixed(1),
    frameworkGzipKiB: +(framework / 1024).toFixed(1),
    appGzipKiB: +((gzip - framework) / 1024).toFixed(1),
  };
});
rows.sort((a, b) => a.route.localeCompare(b.route));

const budgetIndex = process.argv.indexOf('--budget');
const budget = budgetIndex > 0 ? Number(process.argv[budgetIndex + 1]) : undefined;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows));
} else {
  console.log('Route'.padEnd(40) + 'Scripts  First-load JS gzip  (brotli)  of which the app');
  for (const row of rows) {
    console.log(
      row.route.padEnd(40) +
        String(row.scripts).padStart(7) +
        `  ${String(row.gzipKiB).padStart(8)} kB  (${row.brotliKiB} kB)  ${String(row.appGzipKiB).padStart(8)} kB`,
    );
  }
}
if (budget !== undefined) {
  const over = rows.filter((row) => row.gzipKiB > budget);
  if (over.length > 0) {
    console.error(
      `Over the ${budget} kB budget: ${over.map((row) => `${row.route} (${row.gzipKiB} kB)`).join(', ')}`,
    );
    process.exit(1);
  }
}
