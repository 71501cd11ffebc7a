import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Playground, type RunOption } from '@/components/sql/playground';
import { listRuns } from '@/lib/runs/registry.server';
import { isValidRunId } from '@/lib/runs/run-id';

export const metadata: Metadata = { title: 'Playground' };
export const dynamic = 'force-dynamic';

export default async function PlaygroundPage({
  searchParams,
}: {
  searchParams: Promise<{ run?: string | string[] }>;
}) {
  const { runs } = await listRuns();
  const options: RunOption[] = runs
    .filter((run) => run.hasWarehouse)
    .map((run) => ({
      runId: run.runId,
      label: `${run.runId} · ${run.events.toLocaleString('en-US')} events · ${run.status}`,
    }));
  const requested = (await searchParams).run;
  const wanted = typeof requested === 'string' && isValidRunId(requested) ? requested : null;
  const initialRunId = options.find((o) => o.runId === wanted)?.runId ?? options[0]?.runId ?? null;

  return (
    <>
      <PageHeader eyebrow="Query" title="SQL playground">
        <p>
          Query the warehouse your own run produced, in your browser, with DuckDB-WASM. Nothing leaves your
          machine: the run’s <code>warehouse.duckdb</code> comes from this machine’s server and is attached
          read-only in the page.
        </p>
      </PageHeader>
      <Playground runs={options} initialRunId={initialRunId} />
    </>
  );
}
