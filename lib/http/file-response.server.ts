import 'server-only';
import type { Stats } from 'node:fs';
import { fileRangeStream } from './file-stream.server';
import { parseRange } from './range';

export interface FileResponseOptions {
  request: Request;
  filePath: string;
  stats: Stats;
  contentType: string;
  cacheControl: string;
  /** Headers sent with every answer, e.g. Content-Encoding of a pre-compressed file. */
  headers?: Record<string, string>;
  /** Allow byte ranges. Off for pre-compressed assets: a range of the encoded bytes is not what a client asks for. */
  ranges?: boolean;
}

/** A strong validator from size and modification time: cheap, and changes whenever the file is rewritten. */
export function etagFor(stats: Stats): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

function notModified(request: Request, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null)
    return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** If-Range: only honour the Range header while the client's copy is still the current one. */
function rangeStillValid(request: Request, etag: string, lastModified: Date): boolean {
  const ifRange = request.headers.get('if-range');
  if (ifRange === null) return true;
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return ifRange === etag;
  return ifRange === lastModified.toUTCString();
}

function body(request: Request, filePath: string, start: number, end: number): BodyInit | null {
  if (request.method === 'HEAD' || end < start) return null;
  return fileRangeStream(filePath, start, end);
}

/** Serve one regular file with validators, conditional requests and (optionally) one byte range. */
export function fileResponse(options: FileResponseOptions): Response {
  const { request, filePath, stats } = options;
  const etag = etagFor(stats);
  const lastModified = stats.mtime;
  const headers = new Headers({
    'Content-Type': options.contentType,
    'Cache-Control': options.cacheControl,
    ETag: etag,
    'Last-Modified': lastModified.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    ...options.headers,
  });
  headers.set('Accept-Ranges', options.ranges === false ? 'none' : 'bytes');

  if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });

  const size = stats.size;
  const range =
    options.ranges === false || !rangeStillValid(request, etag, lastModified)
      ? ({ kind: 'full' } as const)
      : parseRange(request.headers.get('range'), size);

  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    return new Response(request.method === 'HEAD' ? null : `Range not satisfiable: ${range.reason}\n`, {
      status: 416,
      headers,
    });
  }
  if (range.kind === 'partial') {
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    headers.set('Content-Length', String(range.end - range.start + 1));
    return new Response(body(request, filePath, range.start, range.end), { status: 206, headers });
  }
  headers.set('Content-Length', String(size));
  return new Response(body(request, filePath, 0, size - 1), { status: 200, headers });
}
