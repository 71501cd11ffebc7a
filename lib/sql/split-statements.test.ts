import { describe, expect, it } from 'vitest';
import { splitStatements } from './split-statements';

describe('splitStatements', () => {
  it('splits at top-level semicolons and drops empty statements', () => {
    expect(splitStatements('CREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);;  ')).toEqual([
      'CREATE TABLE a (x INT)',
      'INSERT INTO a VALUES (1)',
    ]);
  });

  it('keeps semicolons inside strings, quoted names, dollar quotes and comments', () => {
    const script = `INSERT INTO t VALUES ('a;b', 'it''s; fine');
CREATE TABLE "odd;name" (x INT); -- a comment; with a semicolon
/* block; comment */ SELECT $$x;y$$`;
    expect(splitStatements(script)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      'CREATE TABLE "odd;name" (x INT)',
      '-- a comment; with a semicolon\n/* block; comment */ SELECT $$x;y$$',
    ]);
  });

  it('drops a trailing statement made only of comments', () => {
    expect(splitStatements('SELECT 1; -- done\n/* end */')).toEqual(['SELECT 1']);
  });
});
