/** The longest check accepted: a data-quality check is a query, not a script. */
export const maxCheckLength = 8_000;

export type CheckSqlResult = { ok: true; sql: string } | { ok: false; message: string };

/** Removes -- and block comments, outside string literals and quoted names; `blank` empties the literals too. */
function withoutComments(sql: string, blank = false): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      const end = sql.indexOf(char, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += blank ? `${char}${char}` : sql.slice(i, stop);
      i = stop;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (char === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

/**
 * The first gate on a learner's check, before any database sees it: text of a bounded length that starts with
 * SELECT or WITH and holds one statement (a trailing semicolon is dropped). The runner then asks DuckDB's own
 * parser (json_serialize_sql serialises SELECT statements only) and runs it inside a subquery on a read-only,
 * locked-down connection: this gate gives the specific message, the parser and the connection give the safety.
 */
export function prepareCheckSql(input: unknown): CheckSqlResult {
  if (typeof input !== 'string') return { ok: false, message: 'The check must be SQL text.' };
  if (input.length > maxCheckLength)
    return {
      ok: false,
      message: `The check is ${input.length.toLocaleString('en-US')} characters; at most ${maxCheckLength.toLocaleString('en-US')}.`,
    };
  const bare = withoutComments(input).trim().replace(/;\s*$/, '').trim();
  if (bare === '')
    return { ok: false, message: 'Write a query that returns the ids of the affected records.' };
  if (!/^(select|with|\()/i.test(bare))
    return {
      ok: false,
      message: `A check is one SELECT (or WITH … SELECT) query; this one starts with "${bare.split(/\s+/)[0]!.slice(0, 20)}".`,
    };
  if (withoutComments(bare, true).includes(';'))
    return { ok: false, message: 'A check is one query: remove the semicolon between statements.' };
  return { ok: true, sql: bare };
}
