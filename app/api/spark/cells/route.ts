import { z } from 'zod';
import { errorResponse } from '@/lib/http/error-response';
import { runCell } from '@/lib/spark/cells.server';

export const dynamic = 'force-dynamic';

const bodySchema = z.union([
  z.strictObject({ sql: z.string().min(1).max(8_000), maxRows: z.number().int().min(1).max(500).optional() }),
  z.strictObject({
    experiment: z.string().min(1).max(40),
    params: z.record(z.string().max(40), z.union([z.string().max(40), z.number()])).optional(),
  }),
]);

/**
 * POST /api/spark/cells {sql[, maxRows]} | {experiment[, params]}: a Spark lesson cell, run on the server over the
 * learner's newest run (docs/decisions/013-spark-lesson-cells.md). proxy.ts has already checked the origin, the
 * host, the JSON content type and the body's size; 409 while another cell runs, 504 past the time limit.
 */
export async function POST(request: Request): Promise<Response> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json(
      { error: { code: 'INVALID_ARGUMENT', message: 'The body is not JSON.' } },
      { status: 400 },
    );
  }
  const body = bodySchema.safeParse(json);
  if (!body.success)
    return Response.json(
      {
        error: {
          code: 'INVALID_ARGUMENT',
          message:
            'Send {"sql": "SELECT …"} (at most 8,000 characters, maxRows 1–500) or {"experiment": "name", "params": {…}}.',
        },
      },
      { status: 400 },
    );
  try {
    return Response.json(await runCell(body.data), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
