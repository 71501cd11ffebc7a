/**
 * A small, predictable SQL formatter: upper-case keywords, one clause per line, select lists and AND/OR
 * conditions indented. Strings, quoted identifiers and comments are left untouched. It does not aim to be a
 * pretty-printer for every dialect, only to make a learner's query readable without changing what it means.
 */
const clauseStarts = [
  'WITH',
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'QUALIFY',
  'WINDOW',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'UNION ALL',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'LEFT JOIN',
  'RIGHT JOIN',
  'FULL JOIN',
  'INNER JOIN',
  'CROSS JOIN',
  'JOIN',
];
const keywords = new Set([
  ...clauseStarts.flatMap((k) => k.split(' ')),
  'AS',
  'ON',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'NULL',
  'BETWEEN',
  'LIKE',
  'ILIKE',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'DISTINCT',
  'OVER',
  'PARTITION',
  'BY',
  'ASC',
  'DESC',
  'USING',
  'FILTER',
  'ALL',
  'EXISTS',
  'CAST',
  'INTERVAL',
  'TRUE',
  'FALSE',
  'OUTER',
  'NULLS',
  'FIRST',
  'LAST',
  'ROWS',
  'RANGE',
  'PRECEDING',
  'FOLLOWING',
  'CURRENT',
  'ROW',
  'UNBOUNDED',
]);

type Token = { kind: 'word' | 'string' | 'comment' | 'space' | 'punct'; text: string };

function tokenize(sql: string): Token[] {
  const pattern =
    /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'?|"(?:[^"]|"")*"?)|(\s+)|([A-Za-z_][A-Za-z0-9_$]*)|(.)/g;
  const tokens: Token[] = [];
  for (const match of sql.matchAll(pattern)) {
    if (match[1]) tokens.push({ kind: 'comment', text: match[1] });
    else if (match[2]) tokens.push({ kind: 'string', text: match[2] });
    else if (match[3]) tokens.push({ kind: 'space', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'word', text: match[4] });
    else tokens.push({ kind: 'punct', text: match[0] });
  }
  return tokens;
}

export function formatSql(sql: string): string {
  const tokens = tokenize(sql);
  const out: string[] = [];
  let depth = 0;
  let line = '';
  const indent = () => '  '.repeat(depth);
  const newline = (extra = 0) => {
    if (line.trim() !== '') out.push(line.replace(/\s+$/, ''));
    line = indent() + '  '.repeat(extra);
  };
  let inSelect = false;
  /** The second word of a two-word clause (GROUP BY, LEFT JOIN) must not break the line again. */
  let continuesClause = false;
  /** The AND of BETWEEN x AND y belongs to BETWEEN, not to the WHERE clause. */
  let inBetween = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'space') {
      if (!line.endsWith(' ') && line.trim() !== '') line += ' ';
      continue;
    }
    if (token.kind === 'comment') {
      line += token.text;
      if (token.text.startsWith('--')) newline();
      continue;
    }
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase();
      const next = tokens.slice(i + 1).find((t) => t.kind !== 'space');
      const pair = next?.kind === 'word' ? `${upper} ${next.text.toUpperCase()}` : '';
      const clause = clauseStarts.includes(pair) ? pair : clauseStarts.includes(upper) ? upper : null;
      const isJoinQualifier =
        ['LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS'].includes(upper) && next?.kind === 'word';
      if (continuesClause) {
        continuesClause = false;
      } else if (clause || isJoinQualifier) {
        newline();
        inSelect = upper === 'SELECT';
        continuesClause = isJoinQualifier || (clause !== null && clause.includes(' '));
      } else if (upper === 'AND' && inBetween) {
        inBetween = false;
      } else if ((upper === 'AND' || upper === 'OR') && !inSelect) {
        newline(1);
      }
      if (upper === 'BETWEEN') inBetween = true;
      line += keywords.has(upper) ? upper : token.text;
      continue;
    }
    if (token.kind === 'punct') {
      if (token.text === '(') depth++;
      if (token.text === ')') depth = Math.max(0, depth - 1);
      if (token.text === ',' || token.text === ')' || token.text === '.' || token.text === ';')
        line = line.replace(/ $/, '');
      line += token.text;
      if (token.text === ',' && inSelect && depth === 0) newline(1);
      else if (token.text === ';') newline();
      continue;
    }
    line += token.text;
  }
  newline();
  return out.join('\n').replace(/\(\s+/g, '(').trim() + '\n';
}
