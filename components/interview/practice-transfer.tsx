'use client';

import { useRef, useState } from 'react';
import { practiceStore } from './practice-store';

/** Export and import of interview practice: review cards, mocks, bookmarks and SQL challenge progress. */
export function PracticeTransfer() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1.5 dark:border-slate-700"
        onClick={async () => {
          const url = URL.createObjectURL(
            new Blob([await practiceStore.exportAll()], { type: 'application/json' }),
          );
          const link = document.createElement('a');
          link.href = url;
          link.download = 'pipeline-lab-practice.json';
          link.click();
          URL.revokeObjectURL(url);
        }}
      >
        Export practice
      </button>
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1.5 dark:border-slate-700"
        onClick={() => input.current?.click()}
      >
        Import practice
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json"
        aria-label="Practice file to import"
        className="hidden"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          try {
            await practiceStore.importAll(await file.text());
            setMessage('Practice imported.');
          } catch (error) {
            setMessage(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {message ? <span role="status">{message}</span> : null}
    </div>
  );
}
