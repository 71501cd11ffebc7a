import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import { bundleMDX } from 'mdx-bundler';
import { getMDXComponent } from 'mdx-bundler/client';
import { PageHeader } from '@/components/ui/page-header';
import { SqlCell } from '@/components/sql/sql-cell';
import { mdxOptions } from '@/lib/content/mdx-options';

export const metadata: Metadata = { title: 'Warehouse tour' };

/**
 * A short MDX page of runnable SQL cells. The MDX is compiled and evaluated here, on the server, because
 * evaluating compiled MDX uses `new Function`, which the site's CSP (no 'unsafe-eval') forbids in the browser;
 * SqlCell stays a client component inside the server-rendered tree.
 */
export default async function WarehouseTourPage() {
  const source = await readFile(path.join(process.cwd(), 'content', 'playground-tour.mdx'), 'utf8');
  const { code, frontmatter } = await bundleMDX<{ title: string }>({ source, mdxOptions });
  const Tour = getMDXComponent(code);
  return (
    <>
      <PageHeader eyebrow="Query" title={frontmatter.title} />
      <article className="prose max-w-3xl space-y-4 [&_h2]:mt-8 [&_h2]:text-xl [&_h2]:font-semibold">
        <Tour components={{ SqlCell }} />
      </article>
    </>
  );
}
