import { NextResponse, type NextRequest } from 'next/server';
import {
  bodyTooLarge,
  hasBody,
  isMutating,
  maxApiBodyBytes,
  readCapped,
  refuseApiRequest,
  type ApiRefusal,
} from '@/lib/http/api-guard';

/**
 * The one gate in front of /api (lib/http/api-guard.ts has the rules): malformed percent-encoding, foreign hosts
 * and origins, bodies that are not JSON or too big. A chunked body has no length to check up front, so its bytes
 * are counted here, on Next's copy of the body (capped by `proxyClientMaxBodySize` in next.config.ts).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refusal = refuseApiRequest({
    method: request.method,
    rawPathname: new URL(request.url).pathname,
    headers: request.headers,
    listenHost: process.env.HOST,
  });
  if (refusal) return refuse(refusal);
  if (isMutating(request.method) && hasBody(request.headers) && !request.headers.has('content-length')) {
    if ((await readCapped(request.body, maxApiBodyBytes)) === null) return refuse(bodyTooLarge());
  }
  return NextResponse.next();
}

function refuse(refusal: ApiRefusal): NextResponse {
  return NextResponse.json(
    { error: { code: refusal.code, message: refusal.message } },
    { status: refusal.status, headers: { 'Cache-Control': 'no-store' } },
  );
}

export const config = { matcher: '/api/:path*' };
