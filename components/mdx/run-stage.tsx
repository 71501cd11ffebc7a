import Link from 'next/link';
import { stageCatalog, type StageName } from '@/pipeline/contracts/stages';

/** "Run this stage": a link into the console with the stage selected. */
export function RunStage({ stage }: { stage: StageName }) {
  const info = stageCatalog.find((entry) => entry.name === stage);
  return (
    <p className="my-4">
      <Link
        prefetch={false}
        href={`/pipeline?stage=${stage}`}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        ▶ Run the {info?.title ?? stage} stage in the console
      </Link>
    </p>
  );
}
