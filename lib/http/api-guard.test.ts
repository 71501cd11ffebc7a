import { describe, expect, it } from 'vitest';
import {
  isAllowedHost,
  maxApiBodyBytes,
  readCapped,
  refuseApiRequest,
  type ApiRequestHead,
} from './api-guard';

function head(
  method: string,
  headers: Record<string, string>,
  rawPathname = '/api/runs',
  listenHost?: string,
): ApiRequestHead {
  return { method, rawPathname, headers: new Headers({ host: '127.0.0.1:3000', ...headers }), listenHost };
}

const json = { 'content-type': 'application/json', 'content-length': '80' };

describe('refuseApiRequest', () => {
  it("lets the app's own JSON posts, DELETEs and command-line clients through", () => {
    expect(
      refuseApiRequest(
        head('POST', { ...json, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
      ),
    ).toBeNull();
    expect(refuseApiRequest(head('DELETE', { origin: 'http://127.0.0.1:3000' }, '/api/runs/r1'))).toBeNull();
    expect(
      refuseApiRequest(head('POST', { ...json, 'content-type': 'application/json; charset=utf-8' })),
    ).toBeNull();
    expect(refuseApiRequest(head('POST', {}, '/api/runs/r1/stages/resume'))).toBeNull();
    expect(
      refuseApiRequest(head('GET', { origin: 'http://evil.example', host: 'evil.example' }, '/api/runs')),
    ).toBeNull();
  });

  it('refuses a state change from another origin or site with 403', () => {
    const cases: Record<string, string>[] = [
      { origin: 'http://evil.example', 'content-type': 'text/plain', 'content-length': '20' },
      { origin: 'http://127.0.0.1:3001' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of cases) {
      const refusal = refuseApiRequest(head('POST', headers, '/api/runs/r1/stages/resume'));
      expect(refusal?.status, JSON.stringify(headers)).toBe(403);
      expect(refusal?.message).toMatch(/only this app's pages may change state/);
    }
  });

  it('refuses a state change addressed to a foreign host name (DNS rebinding) with 403', () => {
    const refusal = refuseApiRequest(
      head('POST', { host: 'evil.example:3000', origin: 'http://evil.example:3000' }),
    );
    expect(refusal).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('refuses a body that is not JSON with 415 and one declared over the cap with 413', () => {
    expect(
      refuseApiRequest(head('POST', { 'content-type': 'text/plain', 'content-length': '20' }))?.status,
    ).toBe(415);
    expect(refuseApiRequest(head('POST', { 'content-length': '20' }))?.status).toBe(415);
    expect(
      refuseApiRequest(head('POST', { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }))
        ?.status,
    ).toBe(415);
    const big = refuseApiRequest(head('POST', { ...json, 'content-length': String(maxApiBodyBytes + 1) }));
    expect(big).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each(['%ZZ', 'a%', '%c0%ae', '%E0%A4%A'])(
    'answers 400 for the undecodable path segment %s',
    (segment) => {
      const refusal = refuseApiRequest(head('GET', {}, `/api/runs/r1/files/${segment}`));
      expect(refusal).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
      expect(refusal?.message).toContain(JSON.stringify(segment));
    },
  );
});

describe('isAllowedHost', () => {
  it('accepts loopback names, and the HOST the server listens on', () => {
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:3000', 'app.localhost:3000'])
      expect(isAllowedHost(host, undefined)).toBe(true);
    expect(isAllowedHost('192.168.1.5:3000', undefined)).toBe(false);
    expect(isAllowedHost('192.168.1.5:3000', '192.168.1.5')).toBe(true);
    expect(isAllowedHost('[fd00::2]:3000', 'fd00::2')).toBe(true);
    expect(isAllowedHost('lab.example:3000', '0.0.0.0')).toBe(true);
    expect(isAllowedHost(null, undefined)).toBe(false);
  });
});

describe('readCapped', () => {
  function stream(chunks: number[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(97));
        controller.close();
      },
    });
  }

  it('returns the bytes up to the cap and null past it', async () => {
    expect((await readCapped(stream([10, 20]), 30))?.byteLength).toBe(30);
    expect(await readCapped(stream([10, 20, 1]), 30)).toBeNull();
    expect((await readCapped(null))?.byteLength).toBe(0);
  });
});
