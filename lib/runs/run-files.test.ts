import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineError } from '@/pipeline/contracts/errors';
import { resolveRunFile, runFileResponse } from './run-files.server';

let root: string;
let runsDir: string;
const content = Buffer.from('0123456789abcdefghij');

async function expectCode(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipelineError);
  expect((error as PipelineError).code).toBe(code);
  if (message) expect((error as PipelineError).message).toMatch(message);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'run-files-'));
  runsDir = path.join(root, 'runs');
  await mkdir(path.join(runsDir, 'run-1', 'quality'), { recursive: true });
  await mkdir(path.join(runsDir, 'run-2'), { recursive: true });
  await writeFile(path.join(runsDir, 'run-1', 'warehouse.duckdb'), content);
  await writeFile(path.join(runsDir, 'run-1', 'quality', 'report.json'), '{"checks":[]}');
  await writeFile(path.join(runsDir, 'run-2', 'secret.txt'), 'other run');
  await writeFile(path.join(root, 'outside.txt'), 'outside');
  await symlink(path.join(root, 'outside.txt'), path.join(runsDir, 'run-1', 'escape.txt'));
  await symlink(
    path.join(runsDir, 'run-1', 'warehouse.duckdb'),
    path.join(runsDir, 'run-1', 'inside-link.duckdb'),
  );
  await symlink(path.join(runsDir, 'run-2'), path.join(runsDir, 'run-1', 'linked-dir'));
  await mkdir(path.join(root, 'elsewhere'));
  await writeFile(path.join(root, 'elsewhere', 'passwd'), 'root:x:0:0');
  await symlink(path.join(root, 'elsewhere'), path.join(runsDir, 'evilrun'));
  await link(path.join(root, 'outside.txt'), path.join(runsDir, 'run-1', 'hard.txt'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveRunFile', () => {
  it('resolves a file and a nested file inside the run', async () => {
    const file = await resolveRunFile('run-1', ['warehouse.duckdb'], runsDir);
    expect(file.stats.size).toBe(content.length);
    const nested = await resolveRunFile('run-1', ['quality', 'report.json'], runsDir);
    expect(nested.filePath).toMatch(/quality[\\/]report\.json$/);
  });

  it.each([['../run-2'], ['Run-1'], ['run_1'], ['-run'], ['a'.repeat(65)], ['run-1\0'], ['/etc']])(
    'rejects the run id %j',
    async (runId) =>
      expectCode(resolveRunFile(runId, ['warehouse.duckdb'], runsDir), 'INVALID_ARGUMENT', /Run id/),
  );

  it.each([
    [['..', 'run-2', 'secret.txt']],
    [['quality', '..', '..', 'run-2', 'secret.txt']],
    [['.']],
    [['']],
    [['/etc/passwd']],
    [['..%2f'.replace('%2f', '/'), 'secret.txt']],
    [['quality\\..\\..\\outside.txt']],
    [['C:', 'Windows']],
    [['warehouse.duckdb\0.txt']],
    [[]],
  ])('rejects the path %j', async (segments) =>
    expectCode(resolveRunFile('run-1', segments, runsDir), 'INVALID_ARGUMENT'),
  );

  it('refuses a symlink that points outside the run', async () => {
    await expectCode(resolveRunFile('run-1', ['escape.txt'], runsDir), 'INVALID_ARGUMENT', /symbolic link/);
  });

  it('refuses a symlink even when it points inside the run', async () => {
    await expectCode(
      resolveRunFile('run-1', ['inside-link.duckdb'], runsDir),
      'INVALID_ARGUMENT',
      /symbolic link/,
    );
  });

  it('refuses a path through a symlinked directory into another run', async () => {
    await expectCode(
      resolveRunFile('run-1', ['linked-dir', 'secret.txt'], runsDir),
      'INVALID_ARGUMENT',
      /symbolic link/,
    );
  });

  it('refuses a run directory that is a symbolic link, wherever it points', async () => {
    await expectCode(
      resolveRunFile('evilrun', ['passwd'], runsDir),
      'INVALID_ARGUMENT',
      /Run directory "evilrun" is a symbolic link/,
    );
  });

  it('refuses a file with another hard link', async () => {
    await expectCode(
      resolveRunFile('run-1', ['hard.txt'], runsDir),
      'INVALID_ARGUMENT',
      /"hard.txt" has 2 hard links/,
    );
  });

  it('answers NOT_FOUND for a missing run, a missing file and a directory', async () => {
    await expectCode(resolveRunFile('run-9', ['warehouse.duckdb'], runsDir), 'NOT_FOUND', /does not exist/);
    await expectCode(resolveRunFile('run-1', ['nope.duckdb'], runsDir), 'NOT_FOUND', /no file/);
    await expectCode(resolveRunFile('run-1', ['quality'], runsDir), 'NOT_FOUND', /not a file/);
  });
});

describe('runFileResponse', () => {
  const url = 'http://localhost/api/runs/run-1/files/warehouse.duckdb';

  it('serves the whole file with validators and Accept-Ranges', async () => {
    const response = await runFileResponse(new Request(url), 'run-1', ['warehouse.duckdb'], runsDir);
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(content.length));
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(response.headers.get('last-modified')).toMatch(/GMT$/);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
  });

  it('serves a byte range as 206 with Content-Range', async () => {
    const response = await runFileResponse(
      new Request(url, { headers: { Range: 'bytes=10-14' } }),
      'run-1',
      ['warehouse.duckdb'],
      runsDir,
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 10-14/${content.length}`);
    expect(await response.text()).toBe('abcde');
  });

  it('answers 416 with the size for an unsatisfiable range', async () => {
    const response = await runFileResponse(
      new Request(url, { headers: { Range: 'bytes=500-600' } }),
      'run-1',
      ['warehouse.duckdb'],
      runsDir,
    );
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${content.length}`);
  });

  it('answers 304 when the ETag matches, and ignores a stale If-Range', async () => {
    const first = await runFileResponse(new Request(url), 'run-1', ['warehouse.duckdb'], runsDir);
    const etag = first.headers.get('etag') ?? '';
    const cached = await runFileResponse(
      new Request(url, { headers: { 'If-None-Match': etag } }),
      'run-1',
      ['warehouse.duckdb'],
      runsDir,
    );
    expect(cached.status).toBe(304);
    const stale = await runFileResponse(
      new Request(url, { headers: { Range: 'bytes=0-1', 'If-Range': '"stale"' } }),
      'run-1',
      ['warehouse.duckdb'],
      runsDir,
    );
    expect(stale.status).toBe(200);
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await runFileResponse(
      new Request(url, { method: 'HEAD' }),
      'run-1',
      ['warehouse.duckdb'],
      runsDir,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(content.length));
    expect(response.body).toBeNull();
  });
});
