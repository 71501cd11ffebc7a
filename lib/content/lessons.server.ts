import 'server-only';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { lessonPlan } from '@/content/lessons-plan';
import type { LessonFrontmatter } from '@/content/schema/lesson';
import { parseLessonSource } from './lesson-source';

export interface LessonEntry {
  slug: string;
  frontmatter: LessonFrontmatter;
  body: string;
}

const lessonsDir = path.join(process.cwd(), 'content', 'lessons');
let cache: Promise<LessonEntry[]> | undefined;

/** Every lesson in plan order, validated (a bad file fails the build with its name and field). */
export function loadLessons(): Promise<LessonEntry[]> {
  cache ??= (async () => {
    const files = (await readdir(lessonsDir)).filter((name) => name.endsWith('.mdx'));
    const entries = await Promise.all(
      files.map(async (name) => {
        const slug = name.replace(/\.mdx$/, '');
        const { frontmatter, body } = parseLessonSource(
          `content/lessons/${name}`,
          await readFile(path.join(lessonsDir, name), 'utf8'),
        );
        return { slug, frontmatter, body };
      }),
    );
    const order = new Map<string, number>(lessonPlan.map((lesson, index) => [lesson.slug, index]));
    return entries
      .filter((entry) => order.has(entry.slug))
      .sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
  })();
  return cache;
}

export async function loadLesson(slug: string): Promise<LessonEntry | undefined> {
  return (await loadLessons()).find((lesson) => lesson.slug === slug);
}
