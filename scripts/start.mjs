#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then serve and print the URL.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listenHost, localUrlHost } from './listen-host.mjs';

const root = process.cwd();
const buildId = join(root, '.next', 'BUILD_ID');
const sourceDirs = ['app', 'components', 'content', 'lib', 'pipeline', 'public'];
const port = process.env.PORT ?? '3000';

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourceFiles = ['package.json', 'next.config.ts', 'proxy.ts']
  .map((f) => join(root, f))
  .filter((f) => existsSync(f));
const sourcesAt = Math.max(
  ...sourceDirs.map((d) => newestMtime(join(root, d))),
  ...sourceFiles.map((f) => statSync(f).mtimeMs),
);
if (builtAt < sourcesAt) {
  console.log(
    builtAt === 0
      ? 'No build yet: building (about a minute)…'
      : 'Sources changed since the last build: rebuilding…',
  );
  // Through npm so `prebuild` runs too: it prepares public/ (DuckDB assets, the sample run, the format figures).
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const host = listenHost();
const url = `http://${localUrlHost(host)}:${port}`;
console.log(`\nPipeline Lab is starting on ${url}\n`);
const server = spawn('npx', ['next', 'start', '-H', host, '-p', port], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

// Warm the pipeline console as soon as the server answers: the first request to /api/runs loads the run launcher,
// which starts a child process and imports the pipeline into it (several seconds). Done at boot, the learner's
// first run starts in a child that is already loaded, so its first progress reaches the page in milliseconds.
async function warmConsole() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${url}/api/runs`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
void warmConsole();
