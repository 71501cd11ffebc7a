import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs a TypeScript script in a fresh Node process (through tsx) and parses the JSON object it prints last.
 * Each measurement gets its own process so peak RSS (process.resourceUsage().maxRSS) belongs to it alone.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function runChild<T>(script: string, args: string[]): Promise<T> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) =>
        error ? reject(new Error(`${script} failed: ${err || error.message}`)) : resolve(out),
    );
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
