import { readFileSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The API seen from the network and from other web pages, against the started `npm start` server: where it
 * listens, who may change state, how big a body may be, how long the queue may grow, and what bad paths get.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const runsDir = path.resolve(process.env.PIPELINE_LAB_RUNS_DIR ?? '.data/runs');
const suffix = Date.now().toString(36);

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request exactly as written: the path is not normalised and the body can be streamed without a length
 * (chunked), which Playwright's request context does not do.
 */
function raw(
  method: string,
  rawPath: string,
  headers: Record<string, string>,
  body?: Buffer | Buffer[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    // The server may answer before it has read a refused body and close the socket under the upload.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    for (const chunk of Array.isArray(body) ? body : body ? [body] : []) request.write(chunk);
    request.end();
  });
}

function errorCode(answer: RawAnswer): string {
  expect(answer.headers['content-type']).toMatch(/application\/json/);
  return (JSON.parse(answer.body) as { error: { code: string } }).error.code;
}

/** Local addresses of the listening sockets on `port`, from the kernel's tables (hex, as /proc writes them). */
function listeningAddresses(): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) found.push(local.split(':')[0]!);
    }
  }
  return found;
}

function connects(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

test('the server listens on loopback only', async () => {
  const loopback = new Set(['0100007F', '00000000000000000000000001000000']); // 127.0.0.1 and ::1
  const addresses = listeningAddresses();
  expect(addresses.length).toBeGreaterThan(0);
  expect(addresses.filter((address) => !loopback.has(address))).toEqual([]);
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && !info.address.startsWith('fe80'))
    .map((info) => info!.address);
  for (const address of external) expect(await connects(address), `answers on ${address}`).toBe(false);
});

test('another web page cannot change state, and bodies must be JSON', async () => {
  const body = Buffer.from(
    JSON.stringify({ seed: 1, events: 1000, days: 1, faults: 'none', stepMode: true }),
  );
  const fromEvil = await raw(
    'POST',
    '/api/runs',
    { 'content-type': 'text/plain', origin: 'http://evil.example' },
    body,
  );
  expect(fromEvil.status).toBe(403);
  expect(errorCode(fromEvil)).toBe('FORBIDDEN');
  const resume = await raw('POST', '/api/runs/web-1-none-x/stages/resume', {
    'sec-fetch-site': 'cross-site',
  });
  expect(resume.status).toBe(403);
  const deleted = await raw('DELETE', '/api/runs/web-1-none-x', { origin: 'http://evil.example' });
  expect(deleted.status).toBe(403);
  const rebound = await raw(
    'POST',
    '/api/runs',
    {
      'content-type': 'application/json',
      host: `evil.example:${port}`,
      origin: `http://evil.example:${port}`,
    },
    body,
  );
  expect(rebound.status).toBe(403);
  const plain = await raw('POST', '/api/runs', { 'content-type': 'text/plain' }, body);
  expect(plain.status).toBe(415);
  expect(errorCode(plain)).toBe('UNSUPPORTED_MEDIA_TYPE');
});

test('a body over 16 KiB is refused with 413, declared or streamed', async () => {
  const declared = await raw(
    'POST',
    '/api/runs',
    { 'content-type': 'application/json' },
    Buffer.alloc(200_000, 32),
  );
  expect(declared.status).toBe(413);
  expect(errorCode(declared)).toBe('PAYLOAD_TOO_LARGE');
  const chunks = Array.from({ length: 64 }, () => Buffer.alloc(16_384, 32));
  const streamed = await raw(
    'POST',
    '/api/runs',
    { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    chunks,
  );
  expect(streamed.status).toBe(413);
  expect(errorCode(streamed)).toBe('PAYLOAD_TOO_LARGE');
});

test('past the queue bound a start is answered 429 with Retry-After', async ({ request }) => {
  const data = { seed: 1, events: 1000, days: 1, faults: 'none', stepMode: true };
  const runDirs = async () =>
    (await readdir(runsDir).catch(() => [])).filter((name) => name.startsWith('web-1-none-')).sort();
  const before = await runDirs();
  const answers = await Promise.all(Array.from({ length: 9 }, () => request.post('/api/runs', { data })));
  const accepted = answers.filter((answer) => answer.status() === 202);
  const refused = answers.filter((answer) => answer.status() === 429);
  try {
    expect(
      answers.map((answer) => answer.status()).filter((status) => status !== 202 && status !== 429),
    ).toEqual([]);
    expect(accepted.length).toBeLessThanOrEqual(6); // 2 running + 4 waiting
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0]!.headers()['retry-after'])).toBeGreaterThan(0);
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe('QUEUE_FULL');
  } finally {
    const ids = await Promise.all(
      accepted.map(async (answer) => ((await answer.json()) as { runId: string }).runId),
    );
    // Waiting runs first, so deleting a running one does not start the next.
    for (const runId of ids.reverse())
      expect((await request.delete(`/api/runs/${runId}`)).status()).toBe(204);
  }
  // A refused start leaves no run directory behind.
  expect(await runDirs()).toEqual(before);
});

test('a malformed percent-encoding in a file path is a 400, not a 500', async () => {
  for (const segment of ['%ZZ', 'a%', '%c0%ae']) {
    const answer = await raw('GET', `/api/runs/web-1-none-x/files/${segment}`, {});
    expect(answer.status, segment).toBe(400);
    expect(errorCode(answer)).toBe('INVALID_ARGUMENT');
  }
});

test('a linked run directory and a hard-linked file are refused, and errors show no server paths', async () => {
  const outside = await mkdtemp(path.join(path.dirname(runsDir), 'e2e-outside-'));
  const evil = `e2e-evil-${suffix}`;
  const hard = `e2e-hard-${suffix}`;
  const broken = `e2e-broken-${suffix}`;
  try {
    await mkdir(runsDir, { recursive: true });
    await writeFile(path.join(outside, 'passwd'), 'root:x:0:0\n');
    await symlink(outside, path.join(runsDir, evil));
    await mkdir(path.join(runsDir, hard));
    await link(path.join(outside, 'passwd'), path.join(runsDir, hard, 'passwd.json'));
    await mkdir(path.join(runsDir, broken));
    await writeFile(path.join(runsDir, broken, 'manifest.json'), '{ not json');

    const linkedDir = await raw('GET', `/api/runs/${evil}/files/passwd`, {});
    expect(linkedDir.status).toBe(400);
    expect(linkedDir.body).toMatch(/symbolic link/);
    expect((await raw('GET', `/api/runs/${evil}`, {})).status).toBe(400);
    const hardLinked = await raw('GET', `/api/runs/${hard}/files/passwd.json`, {});
    expect(hardLinked.status).toBe(400);
    expect(hardLinked.body).toMatch(/hard links/);

    const answers = await Promise.all([
      raw('GET', `/api/runs/${broken}`, {}),
      raw('GET', `/api/runs/e2e-missing-${suffix}`, {}),
      raw('GET', '/api/runs', {}),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([500, 404, 200]);
    for (const answer of answers) {
      expect(answer.body).not.toContain(runsDir);
      expect(answer.body).not.toContain(process.cwd());
    }
    expect(answers[0]!.body).toContain(`${broken}/manifest.json is not valid JSON`);
  } finally {
    await rm(path.join(runsDir, evil), { force: true });
    await rm(path.join(runsDir, hard), { recursive: true, force: true });
    await rm(path.join(runsDir, broken), { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});
