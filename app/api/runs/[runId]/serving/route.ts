import { z } from 'zod';
import { errorResponse } from '@/lib/http/error-response';
import { runIdPattern } from '@/lib/runs/run-id';
import { servingStateForRun } from '@/lib/runs/serving-state.server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

const paramsSchema = z.object({ runId: z.string().regex(runIdPattern) });

/** A partition is named by both parts of its key or not at all: half a key would be a scan, not a read. */
const querySchema = z
  .object({
    user: z
      .string()
      .regex(/^[0-9a-f-]{1,64}$/, 'user must be a user id (hex digits and hyphens, at most 64)')
      .optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be a day as YYYY-MM-DD')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => (query.user === undefined) === (query.date === undefined), {
    message: 'user and date go together: the partition key is (user_id, event_date)',
  });

/**
 * GET /api/runs/{runId}/serving[?user=<id>&date=YYYY-MM-DD&limit=50]: the run's Cassandra serving table. With a
 * user and a day, that partition's timeline and size; without, the spread of rows over partitions and the largest
 * partition's timeline. An embedded run answers `available: false` with the reason.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const params = paramsSchema.safeParse(await context.params);
    if (!params.success)
      return Response.json({ error: { code: 'NOT_FOUND', message: 'Unknown run.' } }, { status: 404 });
    const url = new URL(request.url);
    const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      const issue = query.error.issues[0];
      return Response.json(
        { error: { code: 'INVALID_ARGUMENT', message: issue?.message ?? 'Bad query.' } },
        { status: 400 },
      );
    }
    const { user, date, limit } = query.data;
    const partition = user && date ? { userId: user, eventDate: date } : undefined;
    return Response.json(await servingStateForRun(params.data.runId, partition, limit), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
