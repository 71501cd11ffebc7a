import { PipelineError } from '../../contracts/errors';

/**
 * The first wall around a lesson cell's Spark SQL (docs/decisions/013-spark-lesson-cells.md): one statement, a
 * query (SELECT, WITH … SELECT, or EXPLAIN of one), no statement keyword that changes anything, no file read by
 * path, no Java called by reflection. Checked on the text outside string literals and comments, with the message
 * the learner sees. The driver then has Spark's parser read it as a query and runs it in a session that cannot
 * read files through SQL, so a text that slips past one wall meets the next.
 */
export const maxCellSqlChars = 8_000;

const startWords = new Set(['select', 'with']);
const explainModes = new Set(['extended', 'formatted', 'codegen', 'cost', 'logical']);
/** Statement keywords of everything that is not a query. */
const forbiddenWords = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'create',
  'drop',
  'alter',
  'truncate',
  'set',
  'reset',
  'add',
  'load',
  'cache',
  'uncache',
  'refresh',
  'msck',
  'use',
  'grant',
  'revoke',
  'analyze',
  'overwrite',
  'directory',
  'call',
  'declare',
  'execute',
]);
/** Functions that call Java by reflection or parse XML (external entities). */
const forbiddenFunctions = /^(reflect|java_method|try_reflect|xpath\w*|from_xml|schema_of_xml)$/;
/** Spark's "SQL on files" form: format.`path` reads any file the server can read. */
const fileFormats = new Set([
  'parquet',
  'orc',
  'json',
  'csv',
  'text',
  'avro',
  'binaryfile',
  'delta',
  'jdbc',
  'libsvm',
  'xml',
  'hive',
]);

interface Token {
  kind: 'word' | 'quoted' | 'symbol';
  text: string;
  at: number;
}

function refuse(message: string): never {
  throw new PipelineError('INVALID_ARGUMENT', message);
}

/** Words, backtick identifiers and symbols outside string literals and comments. */
function tokens(sql: string): Token[] {
  const found: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (/\s/.test(char)) index++;
    else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      if (end < 0) refuse('A comment is not closed: end it with */.');
      index = end + 2;
    } else if (char === "'" || char === '"') {
      // r'…' is a raw string in Spark: a backslash escapes nothing in it.
      const raw = /[rR]/.test(sql[index - 1] ?? '') && !/[\w]/.test(sql[index - 2] ?? '');
      let end = index + 1;
      while (end < sql.length && sql[end] !== char) end += !raw && sql[end] === '\\' ? 2 : 1;
      if (end >= sql.length) refuse(`A string that starts with ${char} is not closed.`);
      index = end + 1;
    } else if (char === '`') {
      let end = index + 1;
      let text = '';
      while (end < sql.length) {
        if (sql[end] === '`' && sql[end + 1] === '`') {
          text += '`';
          end += 2;
        } else if (sql[end] === '`') break;
        else text += sql[end++];
      }
      if (end >= sql.length) refuse('A `quoted name` is not closed.');
      found.push({ kind: 'quoted', text, at: index });
      index = end + 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(index))!;
      // The r of a raw string r'…' is not a word.
      if (!(match[0].toLowerCase() === 'r' && /['"]/.test(sql[index + 1] ?? '')))
        found.push({ kind: 'word', text: match[0].toLowerCase(), at: index });
      index += match[0].length;
    } else {
      found.push({ kind: 'symbol', text: char, at: index });
      index++;
    }
  }
  return found;
}

export interface CheckedCellSql {
  /** The statement to run, without a trailing semicolon or the EXPLAIN prefix. */
  sql: string;
  /** EXPLAIN …: show the plan only, do not run it. */
  explainOnly: boolean;
}

export function checkCellSql(text: string): CheckedCellSql {
  if (text.length > maxCellSqlChars)
    refuse(`A cell's SQL may be at most ${maxCellSqlChars.toLocaleString('en-US')} characters.`);
  const all = tokens(text);
  if (all.length === 0) refuse('The cell is empty: write a SELECT.');
  const semicolons = all.filter((token) => token.kind === 'symbol' && token.text === ';');
  const last = all[all.length - 1]!;
  if (semicolons.length > 1 || (semicolons.length === 1 && semicolons[0] !== last))
    refuse('One statement per cell: remove the ";" and what follows it.');
  let body = semicolons.length === 1 ? all.slice(0, -1) : all;
  let sql = semicolons.length === 1 ? text.slice(0, last.at) : text;
  let explainOnly = false;
  if (body[0]?.kind === 'word' && body[0].text === 'explain') {
    explainOnly = true;
    const mode = body[1]?.kind === 'word' && explainModes.has(body[1].text) ? 1 : 0;
    const query = body[1 + mode];
    if (!query) refuse('EXPLAIN of what? Write EXPLAIN SELECT ….');
    sql = sql.slice(query.at);
    body = body.slice(1 + mode);
  }
  const first = body[0]!;
  if (first.kind !== 'word' || !startWords.has(first.text))
    refuse(
      `Lesson cells run queries only: start with SELECT, WITH or EXPLAIN, not "${text.slice(first.at, first.at + 20).split(/\s/)[0]}".`,
    );
  for (const [index, token] of body.entries()) {
    const following = body[index + 1];
    if (token.kind === 'quoted' && /[/\\:]|^\./.test(token.text))
      refuse(
        `Lesson cells read the run's tables, not files by path (\`${token.text.slice(0, 40)}\`): query fact_events, dim_user and the others.`,
      );
    if (token.kind !== 'word') continue;
    if (forbiddenWords.has(token.text))
      refuse(
        `Lesson cells run queries only, and "${token.text.toUpperCase()}" belongs to a statement that changes something. (A column of that name can be written \`${token.text}\`.)`,
      );
    if (forbiddenFunctions.test(token.text) && following?.text === '(')
      refuse(`Lesson cells may not call ${token.text}(): it runs Java code or parses XML on the server.`);
    if (fileFormats.has(token.text) && following?.text === '.')
      refuse(
        `Lesson cells read the run's tables, not files (${token.text}.\`path\`): query fact_events, dim_user and the others.`,
      );
  }
  return { sql: sql.trim(), explainOnly };
}
