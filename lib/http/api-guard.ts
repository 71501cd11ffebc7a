/**
 * What every request under /api must pass before a route handler sees it (proxy.ts applies it). The API has no
 * authentication: it trusts whoever can reach it, which is why the server listens on 127.0.0.1 only. These checks
 * stop the other ways in: a web page the learner visits posting to it (cross-site "simple" requests need no CORS
 * preflight), a DNS-rebinding page reaching it under a foreign host name, and bodies big enough to hurt the server.
 * Pure (headers in, refusal out) so it is unit-tested without a server.
 */

/** A run request is a few hundred bytes; nothing the API accepts comes near this. */
export const maxApiBodyBytes = 16 * 1024;

export interface ApiRequestHead {
  method: string;
  /** The path as received, still percent-encoded. */
  rawPathname: string;
  headers: Headers;
  /** The address the server was told to listen on (HOST), if any. */
  listenHost: string | undefined;
}

export interface ApiRefusal {
  status: number;
  code: string;
  message: string;
}

const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]']);

export function isMutating(method: string): boolean {
  return mutatingMethods.has(method.toUpperCase());
}

/** Host header without its port: `127.0.0.1:3000` → `127.0.0.1`, `[::1]:3000` → `[::1]`. */
function hostName(host: string): string {
  const bracket = host.match(/^(\[[^\]]*\])(?::\d+)?$/);
  if (bracket) return bracket[1]!.toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** Whether a Host header names this server: a loopback name, or the address it was told to listen on. */
export function isAllowedHost(host: string | null, listenHost: string | undefined): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (loopbackHosts.has(name) || name.endsWith('.localhost')) return true;
  if (!listenHost) return false;
  // Listening on every interface, the server cannot know which of the machine's names a client uses.
  if (wildcardHosts.has(listenHost)) return true;
  return (
    name ===
    hostName(listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost)
  );
}

/** Which path segment cannot be percent-decoded (`%ZZ`, a trailing `%`, an overlong UTF-8 form like `%c0%ae`). */
export function undecodableSegment(rawPathname: string): string | null {
  for (const segment of rawPathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether the request says it carries a body (a length above 0, or chunked). */
export function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return headers.has('transfer-encoding');
}

/** The first rule the request breaks, or null when a handler may see it. Bodies sent chunked are counted later. */
export function refuseApiRequest(request: ApiRequestHead): ApiRefusal | null {
  const badSegment = undecodableSegment(request.rawPathname);
  if (badSegment !== null) {
    return {
      status: 400,
      code: 'INVALID_ARGUMENT',
      message: `Path segment ${JSON.stringify(badSegment.slice(0, 80))} is not valid percent-encoding.`,
    };
  }
  if (!isMutating(request.method)) return null;
  const { headers } = request;
  const host = headers.get('host');
  if (!isAllowedHost(host, request.listenHost)) {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Requests that change state must be addressed to this server by a loopback name (got Host ${JSON.stringify(host ?? '')}).`,
    };
  }
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Cross-site request refused (Sec-Fetch-Site: ${site}): only this app's pages may change state.`,
    };
  }
  const origin = headers.get('origin');
  if (origin !== null && !sameOrigin(origin, host!)) {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Request from origin ${JSON.stringify(origin.slice(0, 200))} refused: only this app's pages may change state.`,
    };
  }
  if (hasBody(headers)) {
    if (mediaType(headers.get('content-type')) !== 'application/json') {
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'A request body must be sent as content-type: application/json.',
      };
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (length > maxApiBodyBytes) return bodyTooLarge();
  }
  return null;
}

export function bodyTooLarge(): ApiRefusal {
  return {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `A request body may be at most ${maxApiBodyBytes} bytes.`,
  };
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host.toLowerCase()
    );
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
}

/**
 * Reads at most `limit` bytes of a body stream; answers null (and stops reading) once it has seen more, so a large
 * chunked upload is never held in memory.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number = maxApiBodyBytes,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
