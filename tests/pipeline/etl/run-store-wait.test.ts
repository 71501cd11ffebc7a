import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

/**
 * Runs into different directories share the embedded run store (.data/runstore, one process at a time). A run that
 * has to wait for another says so on the CLI, with how long it has waited, instead of sitting silent.
 */
describe('a CLI run waiting for the shared run store', () => {
  it('logs that it waits for another run, for how long, and when the store is free', async () => {
    const root = tempDir('store-wait');
    const storeDir = join(root, 'runstore');
    mkdirSync(storeDir, { recursive: true });
    // Another run's process, as far as the lock can tell: alive, holding the store.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    writeFileSync(join(storeDir, '.lock'), String(holder.pid));
    const env = { ...process.env, PIPELINE_LAB_RUNS_DIR: join(root, 'runs') };
    const args = [
      '--import',
      'tsx',
      'pipeline/cli.ts',
      'run',
      '--events',
      '1000',
      '--days',
      '1',
      '--until',
      'generate',
    ];
    const cli = spawn(process.execPath, [...args, '--out', join(root, 'runs', 'second')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const lineFor = (text: string) =>
      new Promise<string>((resolve) =>
        cli.stderr.on('data', () => {
          const line = stderr.split('\n').find((candidate) => candidate.includes(text));
          if (line) resolve(line);
        }),
      );
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const waiting = lineFor('Waiting for the run store');
    const free = lineFor('is free after waiting');
    try {
      const waitLine = JSON.parse(await waiting) as {
        level: string;
        message: string;
        fields: { holderPid: number; waitedMs: number; timeoutMs: number };
      };
      expect(waitLine.level).toBe('warn');
      expect(waitLine.message).toContain(`another run (process ${holder.pid}) is using it`);
      expect(waitLine.fields).toMatchObject({ holderPid: holder.pid, timeoutMs: 120_000 });
      const waitedAtLeastMs = 300;
      await new Promise((resolve) => setTimeout(resolve, waitedAtLeastMs));
      holder.kill('SIGKILL');
      // The rest of the run (creating the store, generating) is what every run does; the test ends here.
      const freeLine = JSON.parse(await free) as { message: string; fields: { waitedMs: number } };
      expect(freeLine.message).toMatch(
        /Run store .* is free after waiting \d+\.\d s for process \d+'s run\./,
      );
      expect(freeLine.fields.waitedMs).toBeGreaterThanOrEqual(waitedAtLeastMs);
    } finally {
      holder.kill('SIGKILL');
      cli.kill('SIGKILL');
    }
  }, 120_000);
});
