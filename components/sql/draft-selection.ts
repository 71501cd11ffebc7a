import type { RunRequest } from './sql-editor';

/**
 * What a plain text box would run: its selection if there is one, else the whole text, with the 1-based line and
 * column where that text starts (so an error position maps back onto the editor as Monaco's selection run does).
 */
export function draftRunRequest(text: string, selectionStart: number, selectionEnd: number): RunRequest {
  if (selectionEnd <= selectionStart) return { sql: text, line: 1, column: 1 };
  const before = text.slice(0, selectionStart);
  const lines = before.split('\n');
  return {
    sql: text.slice(selectionStart, selectionEnd),
    line: lines.length,
    column: (lines.at(-1) ?? '').length + 1,
  };
}
