import 'server-only';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { questionFileSchema, type Question } from '@/content/schema/question';

const questionsDir = path.join(process.cwd(), 'content', 'questions');
let cache: Promise<Question[]> | undefined;

/** The interview question bank (content/questions/*.yaml), validated; a bad file names itself and the field. */
export function loadQuestions(): Promise<Question[]> {
  cache ??= (async () => {
    let files: string[];
    try {
      files = (await readdir(questionsDir)).filter((name) => name.endsWith('.yaml')).sort();
    } catch {
      return [];
    }
    const questions: Question[] = [];
    for (const name of files) {
      const parsed = questionFileSchema.safeParse(
        parse(await readFile(path.join(questionsDir, name), 'utf8')),
      );
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`content/questions/${name}: field "${issue.path.join('.')}": ${issue.message}`);
      }
      questions.push(...parsed.data);
    }
    return questions;
  })();
  return cache;
}
