import 'server-only';
import { createHash } from 'node:crypto';
import { bundleMDX } from 'mdx-bundler';
import { mdxOptions } from './mdx-options';

/**
 * Compiled MDX per lesson body. The lesson page renders on request (its widgets show the learner's newest run), but
 * the text itself only changes with the file: compiling it once per server process, keyed by a hash of the source
 * so an edit in development still recompiles, takes esbuild out of every page view.
 */
const compiled = new Map<string, Promise<string>>();

export function compileLesson(source: string): Promise<string> {
  const key = createHash('sha256').update(source).digest('hex');
  let code = compiled.get(key);
  if (!code) {
    code = bundleMDX({ source, mdxOptions }).then((result) => result.code);
    // A failed compile is not cached: the next request reports the error again instead of a stale rejection.
    code.catch(() => compiled.delete(key));
    compiled.set(key, code);
  }
  return code;
}
