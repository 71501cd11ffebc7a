import type { ReactNode } from 'react';

export function PageHeader({
  eyebrow,
  title,
  children,
}: {
  eyebrow?: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="mb-8">
      {eyebrow ? (
        <p className="text-sm font-medium uppercase tracking-wide text-brand-600 dark:text-brand-100">
          {eyebrow}
        </p>
      ) : null}
      <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">{title}</h1>
      {children ? (
        <div className="mt-3 max-w-3xl text-lg text-slate-600 dark:text-slate-300">{children}</div>
      ) : null}
    </div>
  );
}
