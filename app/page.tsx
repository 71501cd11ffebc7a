import Link from 'next/link';
import { DueCount } from '@/components/interview/due-count';
import { NewestRunFigures } from '@/components/home/newest-run-figures';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { primaryNav } from '@/content/nav';

export default function HomePage() {
  return (
    <>
      <PageHeader eyebrow="Data-engineering interview prep" title="Learn the pipeline by running it">
        <p>
          Pipeline Lab is a real e-commerce analytics pipeline that runs on your laptop: generate clickstream,
          orders, profiles and inventory; stream them through a partitioned log; land them in a lake;
          validate, model and aggregate them into a star schema; then query the result and practise explaining
          it in an interview.
        </p>
      </PageHeader>
      <ol className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="The path through Pipeline Lab">
        {primaryNav.map((item, index) => (
          <li key={item.href} className="flex">
            <Card
              title={
                <span>
                  <span className="mr-2 text-slate-500 dark:text-slate-400">{index + 1}.</span>
                  {item.verb}
                </span>
              }
              footer={
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <Link
                    href={item.href}
                    className="font-medium text-brand-600 hover:underline dark:text-brand-100"
                  >
                    Open {item.label} →
                  </Link>
                  {item.href === '/interview' ? <DueCount /> : null}
                </span>
              }
            >
              {item.summary}
            </Card>
          </li>
        ))}
      </ol>
      <section className="mt-12 grid gap-6 lg:grid-cols-2">
        <div>
          <h2 className="text-xl font-semibold">No Docker wall</h2>
          <p className="mt-2 text-slate-600 dark:text-slate-300">
            The embedded tier needs nothing beyond <code className="font-mono">npm install</code>: an
            in-process partitioned log stands in for Kafka, the local file system is the lake, DuckDB is the
            warehouse and PGlite (Postgres compiled to WebAssembly) keeps the run state. When you are ready,
            the services tier drives the same pipeline code against real Kafka, Postgres, S3, ClickHouse and
            Redis.
          </p>
        </div>
        <div>
          <h2 className="text-xl font-semibold">Honest numbers</h2>
          <p className="mt-2 text-slate-600 dark:text-slate-300">
            Every stage reports what came in, what went out, what was rejected and why. The generator injects
            faults and writes down each one, so the data-quality checks are graded on recall and precision,
            and every record must end in one place: generated = dead-lettered + landed, and landed =
            quarantined + duplicates removed + accepted.
          </p>
          <NewestRunFigures />
        </div>
      </section>
    </>
  );
}
