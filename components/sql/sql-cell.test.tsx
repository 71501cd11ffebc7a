import { bundleMDX } from 'mdx-bundler';
import { getMDXComponent } from 'mdx-bundler/client';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SqlCell } from './sql-cell';

// The Lessons issue renders MDX with mdx-bundler and passes SqlCell in the component map: do exactly that.
const lesson = `
# Daily revenue

Revenue per day comes from the mart:

<SqlCell title="Revenue per day" sql={\`SELECT date, revenue
FROM mart_daily_revenue
ORDER BY date;\`} />
`;

describe('SqlCell in an MDX lesson', () => {
  it('renders its title, the SQL in an editable box and a Run button, with nothing loaded yet', async () => {
    const { code } = await bundleMDX({ source: lesson });
    const Lesson = getMDXComponent(code);
    const html = renderToString(createElement(Lesson, { components: { SqlCell } }));
    expect(html).toContain('<h1>Daily revenue</h1>');
    expect(html).toContain('Revenue per day</h3>');
    expect(html).toMatch(
      /<textarea[^>]*>SELECT date, revenue\nFROM mart_daily_revenue\nORDER BY date;<\/textarea>/,
    );
    expect(html).toMatch(/<button[^>]*>Run<\/button>/);
    expect(html).toContain('runs in your browser');
  });
});
