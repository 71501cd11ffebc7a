/**
 * Splits a SQL script into statements at top-level semicolons, skipping those inside quotes ('…', "…"),
 * dollar-quoted strings ($$…$$) and comments (-- …, /* … *\/). The browser engine runs one statement per call.
 * Empty statements (and statements of only comments) are dropped.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '') statements.push(text);
  };
  while (i < script.length) {
    const char = script[i];
    const next = script[i + 1];
    if (char === "'" || char === '"') {
      i = closing(script, i + 1, char);
    } else if (char === '$' && next === '$') {
      const end = script.indexOf('$$', i + 2);
      i = end < 0 ? script.length : end + 2;
    } else if (char === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end + 1;
    } else if (char === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
    } else if (char === ';') {
      push(i);
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  push(script.length);
  return statements;
}

/** The index after a quoted string that started before `from`; a doubled quote is an escaped quote. */
function closing(script: string, from: number, quote: string): number {
  let i = from;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return script.length;
}
