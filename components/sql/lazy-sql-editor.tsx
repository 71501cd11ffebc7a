'use client';

import { useCallback, useRef, useState, type ComponentType } from 'react';
import { draftRunRequest } from './draft-selection';
import type { SqlEditorProps } from './sql-editor';

type EditorComponent = ComponentType<SqlEditorProps & { autoFocus?: boolean }>;

interface StandInProps {
  /** The stand-in box's id, so a page's <label htmlFor> names it (Monaco gets the same name through `label`). */
  id?: string;
  /** The stand-in box's test id; "sql-draft" unless the page has its own. */
  testId?: string;
}

/**
 * The playground's editor, Monaco only once the learner reaches for it.
 *
 * Monaco is 3.6 MB of JavaScript whose evaluation blocked the main thread for about 2.5 s of a simulated phone's
 * time (Lighthouse mobile, total blocking time 3.9-4.9 s, performance 65-67). Until the pointer enters the editor
 * or it takes focus, a plain text box with the same text, size and font stands in: it can be edited and run
 * (Ctrl/⌘+Enter, selection included), and Monaco, once loaded, takes over with the text and the focus.
 */
export function LazySqlEditor({ id, testId = 'sql-draft', ...props }: SqlEditorProps & StandInProps) {
  const [Editor, setEditor] = useState<EditorComponent | null>(null);
  const requested = useRef(false);
  const hadFocus = useRef(false);
  const { onSelectionChange, onRun, onSubmit, onChange, value, height, label = 'SQL editor' } = props;

  const load = useCallback(() => {
    if (requested.current) return;
    requested.current = true;
    void import('./sql-editor').then((module) => setEditor(() => module.default));
  }, []);

  if (Editor) return <Editor {...props} autoFocus={hadFocus.current} />;
  return (
    <textarea
      id={id}
      aria-label={label}
      data-testid={testId}
      value={value}
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
      onPointerEnter={load}
      onPointerDown={load}
      onFocus={() => {
        hadFocus.current = true;
        load();
      }}
      onSelect={(event) => {
        const box = event.currentTarget;
        onSelectionChange?.(
          box.selectionEnd > box.selectionStart
            ? draftRunRequest(box.value, box.selectionStart, box.selectionEnd)
            : null,
        );
      }}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          if (event.shiftKey && onSubmit) {
            onSubmit();
            return;
          }
          const box = event.currentTarget;
          onRun(draftRunRequest(box.value, box.selectionStart, box.selectionEnd));
        }
      }}
      style={{ height }}
      className="block w-full resize-none bg-white px-4 py-1 font-mono text-[14px] leading-[19px] text-slate-900 outline-none dark:bg-slate-950 dark:text-slate-100"
    />
  );
}
