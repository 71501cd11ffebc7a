import type { RejectGroup } from '@/lib/runs/inspect-types';
import { fmt } from './console-types';

/** Rejects by reason, most frequent first, each with a few of the records it rejected and why. */
export function RejectGroups({ groups, source }: { groups: RejectGroup[]; source: string | null }) {
  return (
    <>
      <table className="mt-1 w-full text-sm" aria-label="Rejects by reason">
        <tbody>
          {groups.map((group) => (
            <tr key={group.reason} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-1">
                <span className="font-mono">{group.reason}</span>
                {group.examples.length > 0 ? (
                  <ul className="mt-1 grid gap-1" aria-label={`Examples of ${group.reason}`}>
                    {group.examples.map((example, index) => (
                      <li
                        key={index}
                        data-testid="reject-example"
                        className="rounded bg-slate-50 p-1.5 text-xs dark:bg-slate-900"
                      >
                        <span className="font-semibold">{example.entity}</span>
                        {example.recordId ? (
                          <span className="font-mono"> {example.recordId}</span>
                        ) : null}: {example.message}
                        <code className="mt-0.5 block truncate text-slate-500" title={example.raw}>
                          {example.raw}
                        </code>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
              <td className="py-1 text-right">{fmt(group.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {source ? (
        <p className="mt-1 text-xs text-slate-500">
          Examples from <span className="font-mono">{source}</span>.
        </p>
      ) : null}
    </>
  );
}
