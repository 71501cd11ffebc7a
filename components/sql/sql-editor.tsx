'use client';

import './monaco/setup';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco, registerSqlCompletion, setCompletionSchema } from './monaco/setup';
import type { SchemaTable } from './protocol';

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
}

/** What to run: the selection if there is one, else the whole text; `line`/`column` say where it starts. */
export interface RunRequest {
  sql: string;
  line: number;
  column: number;
}

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(request: RunRequest): void;
  /** The selection as a run request (null when nothing is selected), so a Run button can run it too. */
  onSelectionChange?(request: RunRequest | null): void;
  tables: readonly SchemaTable[];
  marker: EditorMarker | null;
  height: number;
  /** Take the focus once mounted (the learner was already typing in the stand-in box). */
  autoFocus?: boolean;
  /** The editor's accessible name; "SQL editor" unless the page names it otherwise. */
  label?: string;
  /** Ctrl/⌘+Shift+Enter: a second action beside Run, e.g. a challenge's Submit. */
  onSubmit?(): void;
}

type CodeEditor = Parameters<OnMount>[0];

export default function SqlEditor({
  value,
  onChange,
  onRun,
  onSelectionChange,
  tables,
  marker,
  height,
  autoFocus = false,
  label = 'SQL editor',
  onSubmit,
}: SqlEditorProps) {
  const editorRef = useRef<CodeEditor | null>(null);
  const onRunRef = useRef(onRun);
  const onSelectionRef = useRef(onSelectionChange);
  const onSubmitRef = useRef(onSubmit);
  useEffect(() => {
    onRunRef.current = onRun;
    onSelectionRef.current = onSelectionChange;
    onSubmitRef.current = onSubmit;
  }, [onRun, onSelectionChange, onSubmit]);

  useEffect(() => setCompletionSchema(tables), [tables]);

  const mount: OnMount = (editor) => {
    editorRef.current = editor;
    registerSqlCompletion();
    if (autoFocus) {
      const model = editor.getModel();
      if (model) editor.setPosition(model.getPositionAt(model.getValueLength()));
      editor.focus();
    }
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
      const model = editor.getModel();
      const selection = editor.getSelection();
      if (!model) return;
      if (selection && !selection.isEmpty()) {
        onRunRef.current({
          sql: model.getValueInRange(selection),
          line: selection.startLineNumber,
          column: selection.startColumn,
        });
      } else {
        onRunRef.current({ sql: model.getValue(), line: 1, column: 1 });
      }
    });
    // Monaco binds Ctrl+Shift+Enter to "insert line above": it stays so where no second action is given.
    if (onSubmitRef.current) {
      editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () =>
        onSubmitRef.current?.(),
      );
    }
    editor.onDidChangeCursorSelection(({ selection }) => {
      const model = editor.getModel();
      onSelectionRef.current?.(
        model && !selection.isEmpty()
          ? {
              sql: model.getValueInRange(selection),
              line: selection.startLineNumber,
              column: selection.startColumn,
            }
          : null,
      );
    });
    editor.focus();
  };

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (!marker) {
      monaco.editor.setModelMarkers(model, 'duckdb', []);
      return;
    }
    const line = Math.min(marker.line, model.getLineCount());
    const word = model.getWordAtPosition({ lineNumber: line, column: marker.column });
    const endColumn =
      word && word.startColumn <= marker.column
        ? word.endColumn
        : Math.min(marker.column + 1, model.getLineMaxColumn(line));
    monaco.editor.setModelMarkers(model, 'duckdb', [
      {
        startLineNumber: line,
        startColumn: marker.column,
        endLineNumber: line,
        endColumn: Math.max(endColumn, marker.column + 1),
        message: marker.message,
        severity: monaco.MarkerSeverity.Error,
      },
    ]);
    editor.revealLineInCenterIfOutsideViewport(line);
  }, [marker]);

  return (
    <Editor
      height={height}
      language="sql"
      value={value}
      onChange={(next) => onChange(next ?? '')}
      onMount={mount}
      theme="vs"
      loading={null}
      options={{
        minimap: { enabled: false },
        fontSize: 14,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 2,
        wordWrap: 'on',
        ariaLabel: label,
      }}
    />
  );
}
