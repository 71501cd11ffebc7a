import Link from 'next/link';
import type { ExampleRecord, RoundGrade } from '@/lib/incidents/round-types';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);

function Examples({ title, records, testId }: { title: string; records: ExampleRecord[]; testId: string }) {
  if (records.length === 0) return null;
  return (
    <div data-testid={testId}>
      <h4 className="font-medium">{title}</h4>
      <ul className="mt-1 space-y-1">
        {records.map((record) => (
          <li key={record.id} className="break-all font-mono text-xs">
            {record.id} <span className="text-slate-500">({record.table})</span>
            {record.row ? <div className="text-slate-600 dark:text-slate-400">{record.row}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The graded round: the check on the three runs, what it missed, the root cause, and the lessons to read. */
export function IncidentResult({
  grade,
  lessonTitles,
}: {
  grade: RoundGrade;
  lessonTitles: Record<string, string>;
}) {
  const { incident } = grade;
  return (
    <section className="space-y-4" data-testid="incident-result" data-passed={grade.checkPassed}>
      <h2 className="font-semibold">3. Result</h2>
      <p data-testid={grade.checkPassed ? 'check-passed' : 'check-failed'} className="font-medium">
        {grade.checkPassed
          ? 'Your check passes: recall and precision of at least 95 % on your run and both hidden runs.'
          : 'Your check does not pass yet (it needs recall and precision of at least 95 % on all three runs).'}
      </p>
      <table className="w-full text-left text-sm" data-testid="scores">
        <thead>
          <tr>
            <th className="py-1 font-medium">Run</th>
            <th className="py-1 font-medium">Affected</th>
            <th className="py-1 font-medium">Returned</th>
            <th className="py-1 font-medium">Caught</th>
            <th className="py-1 font-medium">Recall</th>
            <th className="py-1 font-medium">Precision</th>
          </tr>
        </thead>
        <tbody>
          {grade.scores.map((score) => (
            <tr key={score.label}>
              <td className="py-1">{score.label}</td>
              <td className="py-1">{score.affected}</td>
              <td className="py-1">{score.returned}</td>
              <td className="py-1">{score.caught}</td>
              <td className="py-1">{score.error ? 'failed' : percent(score.recall)}</td>
              <td className="py-1">{score.error ? score.error : percent(score.precision)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {grade.diagnosis.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="incident-diagnosis">
          {grade.diagnosis.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <div className="space-y-3 text-sm">
        <Examples
          title="Affected records your check missed (your run)"
          records={grade.missed}
          testId="missed"
        />
        <Examples
          title="Clean records your check flagged (your run)"
          records={grade.falsePositives}
          testId="false-positives"
        />
      </div>
      <div className="rounded-md bg-sky-50 p-3 text-sm dark:bg-sky-950" data-testid="root-cause">
        <p className="font-medium">
          {grade.rootCause.correct ? 'Root cause: right.' : 'Root cause: not this one.'} It was{' '}
          <strong>{incident.title}</strong>.
        </p>
        <p className="mt-1">{incident.story}</p>
        <p className="mt-1">Where it shows: {incident.trace}</p>
        <p className="mt-2 font-medium">A check that finds exactly these records on any seed:</p>
        <pre className="mt-1 overflow-x-auto rounded bg-white p-2 text-xs dark:bg-slate-950">
          {incident.referenceCheck}
        </pre>
        <p className="mt-2">
          Read next:{' '}
          {incident.lessons.map((slug, index) => (
            <span key={slug}>
              {index > 0 ? ', ' : ''}
              <Link href={`/learn/${slug}`} className="text-brand-600 underline dark:text-brand-100">
                {lessonTitles[slug] ?? slug}
              </Link>
            </span>
          ))}
        </p>
      </div>
    </section>
  );
}
