import { renderMetrics } from '@/lib/metrics/metrics.server';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
