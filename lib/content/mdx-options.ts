import type { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';

type BundleOptions = NonNullable<Parameters<typeof bundleMDX>[0]['mdxOptions']>;

/**
 * The Markdown dialect of lessons and the warehouse tour: MDX plus GitHub-flavoured Markdown, so the comparison
 * tables lessons are written with (`| Layer | Input |`) become real tables, and ~~strikethrough~~ and bare URLs
 * work as a reader of the source on GitHub would expect. Every compile of lesson content goes through here, so the
 * page and the tests see the same output.
 */
export const mdxOptions: BundleOptions = (options) => {
  options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
  return options;
};
