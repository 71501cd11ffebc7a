import { buildSearchIndex } from '@/lib/content/search-index.server';

// Built once at build time from the content files and served as a static file: the search box fetches it when
// focused, so the full-text index never weighs on /learn's first load.
export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  return Response.json(await buildSearchIndex(), { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
