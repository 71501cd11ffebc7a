import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { getMDXComponent } from 'mdx-bundler/client';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonComponents } from '@/components/mdx';
import { lessonPlan } from '@/content/lessons-plan';
import { questionFileSchema } from '@/content/schema/question';
import { compileLesson } from '@/lib/content/compile-lesson.server';
import { lessonInternalLinks, lessonSqlSnippets, parseLessonSource } from '@/lib/content/lesson-source';

const lessonsDir = join(process.cwd(), 'content', 'lessons');
const files = readdirSync(lessonsDir).filter((name) => name.endsWith('.mdx'));
const lessons = files.map((name) => ({
  slug: name.replace(/\.mdx$/, ''),
  ...parseLessonSource(name, readFileSync(join(lessonsDir, name), 'utf8')),
}));
const slugs = new Set(lessons.map((lesson) => lesson.slug));

function questionIds(): Set<string> {
  const dir = join(process.cwd(), 'content', 'questions');
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) {
    for (const question of questionFileSchema.parse(parse(readFileSync(join(dir, name), 'utf8'))))
      ids.add(question.id);
  }
  return ids;
}

describe('lesson content', () => {
  it('has at least 18 lessons, one file for every lesson of the plan and no file outside it', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    expect([...slugs].sort()).toEqual(lessonPlan.map((lesson) => lesson.slug).sort());
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))(
    '%s: frontmatter matches the plan, objectives and a quiz',
    (slug, lesson) => {
      const planned = lessonPlan.find((entry) => entry.slug === slug)!;
      expect(lesson.frontmatter.title).toBe(planned.title);
      expect(lesson.frontmatter.week).toBe(planned.week);
      expect(lesson.frontmatter.objectives.length).toBeGreaterThanOrEqual(2);
      expect(lesson.frontmatter.quiz.length).toBeGreaterThanOrEqual(3);
      for (const prerequisite of lesson.frontmatter.prerequisites)
        expect(slugs, `${slug} prerequisite ${prerequisite}`).toContain(prerequisite);
    },
  );

  // An audit found the right option at index 1 in 76 of 88 items and the longest in 81: a learner could score
  // well by position and length alone. Quiz options render in file order, so the files must carry the spread.
  it('spreads the correct quiz answer over the positions, and length does not give it away', () => {
    const items = lessons.flatMap((lesson) =>
      lesson.frontmatter.quiz.map((item) => ({ ...item, key: `${lesson.slug}/${item.id}` })),
    );
    const perIndex = new Map<number, number>();
    for (const item of items) perIndex.set(item.answer, (perIndex.get(item.answer) ?? 0) + 1);
    for (const [index, count] of perIndex) {
      expect(
        count / items.length,
        `answer index ${index} holds ${count} of ${items.length} quiz items`,
      ).toBeLessThanOrEqual(0.4);
    }
    const longestIsRight = items.filter(
      (item) => item.options[item.answer]!.length >= Math.max(...item.options.map((option) => option.length)),
    );
    expect(
      longestIsRight.length / items.length,
      `the right option is the longest in ${longestIsRight.length} of ${items.length} items`,
    ).toBeLessThanOrEqual(0.4);
  });

  it('references only interview questions that exist in the bank', () => {
    const ids = questionIds();
    for (const lesson of lessons) {
      for (const id of lesson.frontmatter.interviewQuestions)
        expect(ids, `${lesson.slug} → ${id}`).toContain(id);
    }
  });

  it('links only to pages that exist', () => {
    const ids = questionIds();
    const fixed = new Set([
      '/',
      '/learn',
      '/pipeline',
      '/playground',
      '/playground/tour',
      '/interview',
      '/interview/sql',
    ]);
    for (const lesson of lessons) {
      for (const link of lessonInternalLinks(lesson.body)) {
        const path = link.split('?')[0]!;
        const ok =
          fixed.has(path) ||
          (path.startsWith('/learn/') && slugs.has(path.slice('/learn/'.length))) ||
          (path.startsWith('/interview/questions/') && ids.has(path.slice('/interview/questions/'.length)));
        expect(ok, `${lesson.slug} links to ${link}`).toBe(true);
      }
    }
  });

  // Rendered with the page's own compiler and components: a Markdown table must reach the page as a <table> in its
  // scrolling box, never as lines of pipes.
  it.each(lessons.map((lesson) => [lesson.slug, lesson.body] as const))(
    '%s: the MDX compiles and every Markdown table renders as a table',
    async (_slug, body) => {
      const Lesson = getMDXComponent(await compileLesson(body));
      const html = renderToString(
        createElement(Lesson, {
          components: lessonComponents({
            formatStats: null,
            sampleFormats: null,
            tableRows: null,
            monitoring: null,
          }),
        }),
      );
      const markdownTables = body
        .split('\n')
        .filter((line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line)).length;
      expect(html.match(/data-testid="lesson-table"[^>]*><table/g)?.length ?? 0).toBe(markdownTables);
      expect(html).not.toMatch(/<p>\|[^<]*\|/);
    },
  );

  it('has Markdown tables in the lessons that compare options', () => {
    expect(lessons.filter((lesson) => /^\|\s*-{3,}/m.test(lesson.body)).length).toBeGreaterThanOrEqual(15);
  });
});

describe('every SQL snippet in every lesson runs on a real warehouse', () => {
  const root = mkdtempSync(join(tmpdir(), 'lesson-sql-'));
  let connection: DuckDBConnection;

  beforeAll(async () => {
    await promisify(execFile)(
      join(process.cwd(), 'node_modules', '.bin', 'tsx'),
      // The bundled sample run's configuration (scripts/build-sample-run.ts): what a learner queries before running
      // anything, and it has days without revenue, which a lesson's claims about every row must survive.
      [
        'pipeline/cli.ts',
        'run',
        '--seed',
        '42',
        '--events',
        '5000',
        '--faults',
        'realistic',
        '--out',
        join(root, 'lesson-sql-run'),
      ],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    const instance = await DuckDBInstance.create(join(root, 'lesson-sql-run', 'warehouse.duckdb'), {
      access_mode: 'READ_ONLY',
    });
    connection = await instance.connect();
  }, 180_000);
  afterAll(() => {
    connection?.closeSync();
    rmSync(root, { recursive: true, force: true });
  });

  const snippets = lessons.flatMap((lesson) =>
    lessonSqlSnippets(lesson.body).map(
      (snippet, index) => [`${lesson.slug} #${index + 1} (${snippet.component})`, snippet.sql] as const,
    ),
  );

  it('finds SQL in the lessons', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(30);
  });

  it.each(snippets)('%s', async (_name, sql) => {
    await expect(connection.runAndReadAll(sql)).resolves.toBeDefined();
  });

  // The lambda lesson says every row of its recomputation matches the mart: that must hold on days that sold
  // nothing too (the mart writes 0 there, a grouped recomputation has no row).
  it('the batch view recomputation matches the mart on every day, empty days included', async () => {
    const lesson = lessons.find((entry) => entry.slug === 'architecture-lambda-kappa')!;
    const snippet = lessonSqlSnippets(lesson.body).find((entry) => entry.sql.includes('AS matches'))!;
    const rows = (await connection.runAndReadAll(snippet.sql)).getRowObjectsJS();
    const emptyDays = (
      await connection.runAndReadAll(
        'SELECT count(*)::INTEGER AS days FROM mart_daily_revenue WHERE revenue = 0',
      )
    ).getRowObjectsJS()[0]!.days;
    expect(
      emptyDays,
      'the run should have a day without revenue, or this test proves nothing',
    ).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(14);
    expect(rows.filter((row) => row.matches !== true)).toEqual([]);
  });
});
