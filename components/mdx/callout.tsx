import type { ReactNode } from 'react';

const styles = {
  tip: 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40',
  warning: 'border-amber-500 bg-amber-50 dark:bg-amber-950/40',
  interview: 'border-brand-500 bg-brand-50 dark:bg-slate-900',
  note: 'border-slate-400 bg-slate-50 dark:bg-slate-900',
} as const;

const labels = { tip: 'Tip', warning: 'Watch out', interview: 'In the interview', note: 'Note' } as const;

export function Callout({
  type = 'note',
  title,
  children,
}: {
  type?: keyof typeof styles;
  title?: string;
  children: ReactNode;
}) {
  return (
    <aside className={`my-6 rounded-r-lg border-l-4 p-4 ${styles[type]}`} aria-label={title ?? labels[type]}>
      <p className="mb-1 text-sm font-semibold">{title ?? labels[type]}</p>
      <div className="text-sm [&_p]:my-1">{children}</div>
    </aside>
  );
}
