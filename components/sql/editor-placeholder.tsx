/** Holds the editor's exact size while Monaco loads, so nothing below it jumps. */
export function EditorPlaceholder({ height, label = 'Loading editor…' }: { height: number; label?: string }) {
  return (
    <div
      style={{ height }}
      className="flex items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900"
      aria-busy="true"
    >
      {label}
    </div>
  );
}
