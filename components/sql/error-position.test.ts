import { describe, expect, it } from 'vitest';
import { describeDuckDbError, findCaretPosition, positionOfByteOffset } from './error-position';

describe('describeDuckDbError', () => {
  it('reads the JSON error of DuckDB 1.4 with its byte position', () => {
    const sql = 'SELECT event_type\nFORM fact_events';
    const message = JSON.stringify({
      exception_type: 'Parser',
      exception_message: 'syntax error at or near "fact_events"\n\nLINE 2: FORM fact_events\n             ^',
      error_subtype: 'SYNTAX_ERROR',
      position: '23',
    });
    expect(describeDuckDbError(message, sql)).toEqual({
      summary: 'Parser Error: syntax error at or near "fact_events"',
      position: { line: 2, column: 6 },
    });
  });

  it('falls back to the LINE and caret of a text error', () => {
    const sql = 'SELECT *\nFROM fact_events\nWHERE nope = 1';
    const message =
      'Binder Error: Referenced column "nope" not found in FROM clause!\n\nLINE 3: WHERE nope = 1\n              ^';
    expect(describeDuckDbError(message, sql)).toEqual({
      summary: 'Binder Error: Referenced column "nope" not found in FROM clause!',
      position: { line: 3, column: 7 },
    });
  });

  it('explains a WebAssembly trap from an extension function that cannot load offline', () => {
    expect(describeDuckDbError('table index is out of bounds', "SELECT json_valid('[1]')").summary).toMatch(
      /extension .* cannot load offline/,
    );
  });

  it('keeps a message without a position as it is', () => {
    expect(
      describeDuckDbError('Catalog Error: Table with name x does not exist!', 'SELECT * FROM x'),
    ).toEqual({
      summary: 'Catalog Error: Table with name x does not exist!',
      position: null,
    });
  });
});

describe('findCaretPosition', () => {
  it('finds the window of a shortened long line in the real line', () => {
    const sql = `SELECT ${'a, '.repeat(60)}FROMM t`;
    const shown = `...${sql.slice(150, 190)}...`;
    const caretAt = 'LINE 1: '.length + 3 + (sql.indexOf('FROMM') - 150);
    const message = `Parser Error: syntax error\n\nLINE 1: ${shown}\n${' '.repeat(caretAt)}^`;
    expect(findCaretPosition(message, sql)).toEqual({ line: 1, column: sql.indexOf('FROMM') + 1 });
  });
});

describe('positionOfByteOffset', () => {
  it('counts UTF-8 bytes as DuckDB does', () => {
    // 'é' is two bytes: byte offset 12 is the "x" after "SELECT 'é', ".
    expect(positionOfByteOffset("SELECT 'é', x", 13)).toEqual({ line: 1, column: 13 });
  });
});
