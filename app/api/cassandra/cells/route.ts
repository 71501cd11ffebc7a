import { parseCassandraCellRequest } from '@/pipeline/contracts/cassandra-lab';
import { bodyTooLarge, readCapped } from '@/lib/http/api-guard';
import { errorResponse } from '@/lib/http/error-response';
import { runCassandraCell } from '@/lib/cassandra/run-cell.server';

export const dynamic = 'force-dynamic';

const invalid = (message: string) =>
  Response.json({ error: { code: 'INVALID_ARGUMENT', message } }, { status: 400 });

/**
 * POST /api/cassandra/cells `{experiment, params}`: runs one of the wide-column lesson's fixed experiments on the
 * newest services-tier run's serving table and answers what ran (CQL, rows, times, trace figures). No CQL is
 * accepted: the experiment's name and bounded parameters are validated, then bound into prepared statements.
 * proxy.ts has already refused foreign origins and hosts, other media types and large bodies; the size is counted
 * here again so the handler is safe on its own. One experiment at a time (409 while another runs).
 */
export async function POST(request: Request): Promise<Response> {
  const bytes = await readCapped(request.body);
  if (bytes === null) {
    const refusal = bodyTooLarge();
    return Response.json(
      { error: { code: refusal.code, message: refusal.message } },
      { status: refusal.status },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return invalid('The body must be JSON: {"experiment": "...", "params": {...}}.');
  }
  const parsed = parseCassandraCellRequest(body);
  if (!parsed.ok) return invalid(parsed.message);
  try {
    return Response.json(await runCassandraCell(parsed.value), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
