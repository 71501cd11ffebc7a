/**
 * Read DuckDB's error for the UI: its message and where in the SQL it failed. DuckDB 1.4 (in DuckDB-WASM 1.32)
 * reports errors as JSON with a byte `position`:
 *   {"exception_type":"Parser","exception_message":"syntax error at or near \"x\"\n\nLINE 2: FORM x\n ^","position":"23"}
 * Older engines and some error types give only the text, with the failing line and a caret under the position:
 *   Parser Error: syntax error at or near "FORM"
 *
 *   LINE 1: SELECT * FORM fact_events
 *                    ^
 * Long lines are shortened to a window with "..." where text was cut, so the window is located in the real line.
 */
export interface ErrorPosition {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface DescribedError {
  /** e.g. `Parser Error: syntax error at or near "x"`, without the LINE/caret context the editor shows instead. */
  summary: string;
  position: ErrorPosition | null;
}

/** Line and column of a UTF-8 byte offset into the SQL (DuckDB counts bytes). */
export function positionOfByteOffset(sql: string, byteOffset: number): ErrorPosition {
  const encoder = new TextEncoder();
  let bytes = 0;
  let line = 1;
  let column = 1;
  for (const char of sql) {
    if (bytes >= byteOffset) break;
    bytes += encoder.encode(char).length;
    if (char === '\n') {
      line++;
      column = 1;
    } else {
      column += char.length;
    }
  }
  return { line, column };
}

export function findCaretPosition(message: string, sql: string): ErrorPosition | null {
  const lines = message.split('\n');
  const index = lines.findIndex((text) => /^LINE \d+: /.test(text));
  if (index < 0) return null;
  const header = /^LINE (\d+): /.exec(lines[index] ?? '');
  const caretLine = lines[index + 1] ?? '';
  if (!header) return null;
  const lineNumber = Number(header[1]);
  const sqlLine = sql.split('\n')[lineNumber - 1];
  const caret = caretLine.indexOf('^');
  if (sqlLine === undefined || caret < 0) return { line: Math.max(1, lineNumber), column: 1 };

  let shown = (lines[index] ?? '').slice(header[0].length);
  let caretInShown = caret - header[0].length;
  if (shown.startsWith('...')) {
    shown = shown.slice(3);
    caretInShown -= 3;
  }
  if (shown.endsWith('...')) shown = shown.slice(0, -3);
  const start = shown.length > 0 ? sqlLine.indexOf(shown) : 0;
  const column = (start >= 0 ? start : 0) + Math.max(0, caretInShown) + 1;
  return { line: lineNumber, column: Math.min(column, sqlLine.length + 1) };
}

function withoutContext(message: string): string {
  const cut = message.search(/\n\s*\nLINE \d+: |\nLINE \d+: /);
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}

interface DuckDbJsonError {
  exception_type?: unknown;
  exception_message?: unknown;
  position?: unknown;
}

/**
 * DuckDB-WASM ships json, parquet and other extensions as separate downloads; offline their functions cannot load
 * and calling one traps inside WebAssembly with an engine-internal message. Say what happened instead.
 */
const wasmTraps =
  /^(table index is out of bounds|function signature mismatch|null function or function signature mismatch|unreachable|memory access out of bounds)/i;

export function describeDuckDbError(message: string, sql: string): DescribedError {
  const trimmed = message.trim();
  if (wasmTraps.test(trimmed)) {
    return {
      summary: `DuckDB-WASM failed inside the engine (${trimmed}). This usually means the query used a function from an extension that the browser cannot load offline, such as json_extract, ->> or ::JSON: read JSON columns as text, or run the query with the pipeline's DuckDB.`,
      position: null,
    };
  }
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as DuckDbJsonError;
      if (typeof json.exception_message === 'string') {
        const type = typeof json.exception_type === 'string' ? `${json.exception_type} Error: ` : '';
        const offset = Number(json.position);
        const position =
          Number.isInteger(offset) && offset >= 0
            ? positionOfByteOffset(sql, offset)
            : findCaretPosition(json.exception_message, sql);
        return { summary: type + withoutContext(json.exception_message), position };
      }
    } catch {
      // Not JSON after all: read it as text below.
    }
  }
  return { summary: withoutContext(trimmed), position: findCaretPosition(trimmed, sql) };
}
