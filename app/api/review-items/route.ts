import { reviewItems } from '@/lib/interview/review-items.server';

// The review queue's item ids, built from the content at build time: the due count fetches them after hydration
// and counts today's queue with the review page's own rule (lib/interview/review-queue.ts).
export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  const items = await reviewItems(null);
  return Response.json(
    { itemIds: items.map((item) => item.itemId) },
    { headers: { 'Cache-Control': 'public, max-age=3600' } },
  );
}
