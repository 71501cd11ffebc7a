'use client';

import { useRef, useState } from 'react';
import { exportProgress, importProgress } from './progress-store';

/** Export progress to a JSON file and import it in another browser. */
export function ProgressTransfer() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const download = () => {
    const url = URL.createObjectURL(new Blob([exportProgress()], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'pipeline-lab-progress.json';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <button
        type="button"
        onClick={download}
        className="rounded border border-slate-300 px-3 py-1.5 dark:border-slate-700"
      >
        Export progress
      </button>
      <button
        type="button"
        onClick={() => input.current?.click()}
        className="rounded border border-slate-300 px-3 py-1.5 dark:border-slate-700"
      >
        Import progress
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json"
        className="hidden"
        aria-label="Progress file to import"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          try {
            importProgress(await file.text());
            setMessage('Progress imported.');
          } catch (error) {
            setMessage(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {message ? <span role="status">{message}</span> : null}
    </div>
  );
}
