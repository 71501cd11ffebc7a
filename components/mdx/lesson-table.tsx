import type { ComponentProps } from 'react';

/**
 * A Markdown table in a lesson. Lesson tables compare three or four options in sentences, which on a 390 px phone
 * would squeeze each column to a word per line: cells keep a readable minimum width and the table scrolls sideways
 * inside its own box, so the page itself never gets wider than the screen. The box takes keyboard focus because a
 * region that scrolls must be reachable without a mouse.
 */
export function LessonTable(props: ComponentProps<'table'>) {
  return (
    <div
      tabIndex={0}
      data-testid="lesson-table"
      className="my-6 overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700"
    >
      <table
        {...props}
        className="w-full border-collapse text-left text-sm leading-6 [&_td]:min-w-36 [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top dark:[&_td]:border-slate-700 [&_th]:px-3 [&_th]:py-2 [&_th]:align-bottom [&_th]:font-semibold [&_thead]:bg-slate-100 dark:[&_thead]:bg-slate-800"
      />
    </div>
  );
}
