import type { Metadata } from 'next';
import { PipelineConsole } from '@/components/pipeline/pipeline-console';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Pipeline' };

export default function PipelinePage() {
  return (
    <>
      <PageHeader eyebrow="Run" title="The pipeline">
        <p>
          Start a run, watch each of the nine stages live, or step through them one at a time and open a stage
          to see its SQL, its rejects by reason, its timings and its files. From a terminal:{' '}
          <code className="font-mono">npm run pipeline -- run --seed 42 --events 100000</code>
        </p>
      </PageHeader>
      <PipelineConsole />
    </>
  );
}
