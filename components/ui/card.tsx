import type { ReactNode } from 'react';

export function Card({
  title,
  children,
  footer,
}: {
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-2 flex-1 text-sm text-slate-600 dark:text-slate-300">{children}</div>
      {footer ? <div className="mt-4 text-sm">{footer}</div> : null}
    </section>
  );
}
