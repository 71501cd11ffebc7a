import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { challenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';
import { evidenceKeys, questionFileSchema, type Question } from '@/content/schema/question';

const dir = join(process.cwd(), 'content', 'questions');
const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
const keyIds = [
  'walk-me-through-your-architecture',
  'handle-data-quality-issues',
  'what-happens-when-pipeline-fails',
  'how-does-your-system-scale',
  'batch-vs-streaming-difference',
];

function loadAll(): Question[] {
  return files.flatMap((name) => questionFileSchema.parse(parse(readFileSync(join(dir, name), 'utf8'))));
}

describe('interview question bank', () => {
  it.each(files)('%s parses and matches the question schema', (name) => {
    const result = questionFileSchema.safeParse(parse(readFileSync(join(dir, name), 'utf8')));
    expect(result.success, result.success ? '' : `${name}: ${result.error.message}`).toBe(true);
  });

  it('has unique ids across all files', () => {
    const ids = loadAll().map((q) => q.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('has at least 80 questions', () => {
    expect(loadAll().length).toBeGreaterThanOrEqual(80);
  });

  it('marks exactly the five key questions with keyQuestion: true', () => {
    const marked = loadAll()
      .filter((q) => q.keyQuestion)
      .map((q) => q.id)
      .sort();
    expect(marked).toEqual([...keyIds].sort());
  });

  it('links only to lessons of the lesson plan', () => {
    const slugs = new Set<string>(lessonPlan.map((lesson) => lesson.slug));
    const unknown = loadAll().flatMap((q) =>
      q.lessons.filter((slug) => !slugs.has(slug)).map((slug) => `${q.id} → ${slug}`),
    );
    expect(unknown).toEqual([]);
  });

  it('sends SQL questions to SQL challenges that exist, and only SQL questions', () => {
    const ids = new Set(challenges.map((challenge) => challenge.id));
    const linked = loadAll().filter((q) => q.challenge);
    expect(linked.length).toBeGreaterThanOrEqual(7);
    for (const question of linked) {
      expect(ids, `${question.id} → ${question.challenge}`).toContain(question.challenge);
      expect(question.category, question.id).toBe('sql');
    }
  });

  it('uses only known evidence placeholders', () => {
    const known = new Set<string>(evidenceKeys);
    const unknown = loadAll().flatMap((q) => {
      const text = [q.question, q.shortAnswer, q.deepAnswer].join('\n');
      return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
        .map((m) => m[1] ?? '')
        .filter((key) => !known.has(key))
        .map((key) => `${q.id}: ${key}`);
    });
    expect(unknown).toEqual([]);
  });

  it('keeps every rubric between 3 and 6 points and gives each question lessons and follow-ups', () => {
    for (const q of loadAll()) {
      expect(q.rubric.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.rubric.length, q.id).toBeLessThanOrEqual(6);
      expect(q.lessons.length, q.id).toBeGreaterThan(0);
      expect(q.followUps.length, q.id).toBeGreaterThanOrEqual(2);
    }
  });
});
