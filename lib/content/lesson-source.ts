import { parse } from 'yaml';
import { lessonFrontmatterSchema, type LessonFrontmatter } from '@/content/schema/lesson';

/** Splits an MDX lesson into its YAML frontmatter and body, and validates the frontmatter. Pure: no I/O. */
export function parseLessonSource(
  file: string,
  source: string,
): { frontmatter: LessonFrontmatter; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) throw new Error(`${file}: no frontmatter (the file must start with a --- block).`);
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (error) {
    throw new Error(`${file}: the frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = lessonFrontmatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: frontmatter field "${issue.path.join('.')}": ${issue.message}`);
  }
  return { frontmatter: parsed.data, body: source.slice(match[0].length) };
}

/** Every SQL snippet a lesson runs: SqlCell `sql` and SparkEquivalent `duckdb` props (template literals). */
export function lessonSqlSnippets(body: string): Array<{ component: string; sql: string }> {
  const snippets: Array<{ component: string; sql: string }> = [];
  const pattern = /<(SqlCell|SparkEquivalent)\b[\s\S]*?\b(sql|duckdb)=\{`([\s\S]*?)`\}/g;
  for (const match of body.matchAll(pattern)) snippets.push({ component: match[1]!, sql: match[3]! });
  return snippets;
}

/** Internal links in a lesson body: Markdown links and href props that start with '/'. */
export function lessonInternalLinks(body: string): string[] {
  const links = [...body.matchAll(/\]\((\/[^)\s#]*)/g), ...body.matchAll(/href="(\/[^"#]*)"/g)].map(
    (match) => match[1]!,
  );
  return [...new Set(links)];
}
