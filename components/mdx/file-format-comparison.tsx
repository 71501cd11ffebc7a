import Link from 'next/link';
import type { FormatStats, SampleFormatStats } from '@/lib/content/format-stats-types';

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const share = (bytes: number, base: number | undefined) =>
  base ? `${((bytes / base) * 100).toFixed(1)}%` : '';
const cell = 'py-2 pr-4';

/**
 * NDJSON vs CSV vs Parquet: sizes and scan times of the same generated events (measured by
 * scripts/build-format-stats.ts), and the learner's own run's NDJSON vs curated Parquet when a run exists.
 */
export function FileFormatComparison({
  run,
  sample,
}: {
  run: FormatStats | null;
  sample: SampleFormatStats | null;
}) {
  const sampleBase = sample?.formats.find((entry) => entry.format === 'NDJSON')?.bytes;
  const runBase = run?.stats[0]?.bytes;
  return (
    <figure className="my-6 space-y-4" aria-label="File format comparison">
      {sample ? (
        <table className="w-full text-left text-sm [&_td]:border-b [&_td]:border-slate-200 [&_th]:border-b [&_th]:border-slate-200 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700">
          <caption className="pb-2 text-left font-semibold">
            Same {sample.events.toLocaleString('en-US')} events, three formats
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className={`${cell} font-medium`}>
                Format
              </th>
              <th scope="col" className={`${cell} text-right font-medium`}>
                Size
              </th>
              <th scope="col" className={`${cell} text-right font-medium`}>
                vs NDJSON
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Scan (GROUP BY)
              </th>
            </tr>
          </thead>
          <tbody>
            {sample.formats.map((entry) => (
              <tr key={entry.format} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className={`${cell} font-normal`}>
                  {entry.format}
                </th>
                <td className={`${cell} text-right`}>{mebibytes(entry.bytes)}</td>
                <td className={`${cell} text-right`}>{share(entry.bytes, sampleBase)}</td>
                <td className="py-2 text-right">{entry.scanMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {run ? (
        <table className="w-full text-left text-sm [&_td]:border-b [&_td]:border-slate-200 [&_th]:border-b [&_th]:border-slate-200 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700">
          <caption className="pb-2 text-left font-semibold">
            Your run <span className="font-mono">{run.runId}</span>
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className={`${cell} font-medium`}>
                Format
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                File
              </th>
              <th scope="col" className={`${cell} text-right font-medium`}>
                Size
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                vs NDJSON
              </th>
            </tr>
          </thead>
          <tbody>
            {run.stats.map((stat) => (
              <tr key={stat.file} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className={`${cell} font-normal`}>
                  {stat.format}
                </th>
                <td className={`${cell} font-mono text-xs`}>{stat.file}</td>
                <td className={`${cell} text-right`}>{mebibytes(stat.bytes)}</td>
                <td className="py-2 text-right">{share(stat.bytes, runBase)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">
          Your own run&apos;s files appear here after your first run:{' '}
          <Link prefetch={false} href="/pipeline" className="text-brand-600 underline">
            run the pipeline
          </Link>
          , or <code>npm run pipeline -- run --events 100000</code>, then reload this page.
        </p>
      )}
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {sample ? (
          <>
            Three formats: measured by <code>npm run format-stats</code> with {sample.engine}: {sample.source}
            .{' '}
          </>
        ) : null}
        {run
          ? 'Your run: the generated NDJSON against the curated fact_events Parquet (zstd, accepted and de-duplicated rows). '
          : ''}
        Times are for this machine; the ratios are what carry over.
      </figcaption>
    </figure>
  );
}
