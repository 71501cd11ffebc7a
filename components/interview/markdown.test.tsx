import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

describe('Markdown', () => {
  it('renders a pipe table with a header row, dropping the separator row, beside paragraphs', () => {
    const html = renderToStaticMarkup(
      <Markdown
        text={
          'Before the table.\n| Quantity | Result |\n|---|---|\n| Events per day | **3.46 billion** |\n| Partitions | `64` |\nAfter.'
        }
      />,
    );
    expect(html).toContain('<p>Before the table.</p>');
    expect(html).toContain('<th>Quantity</th><th>Result</th>');
    expect(html).toContain('<td>Events per day</td><td><strong>3.46 billion</strong></td>');
    expect(html).toContain('<td>Partitions</td><td><code>64</code></td>');
    expect(html).not.toContain('---');
    expect(html).toContain('<p>After.</p>');
  });
});
