import type { ReactNode } from 'react';

/**
 * A small Markdown renderer for model answers (paragraphs, lists, fenced code, `code`, **bold**, tables of
 * pipes). Answers are trusted content from the repository; nothing here interprets HTML.
 */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, index) => {
    if (part.startsWith('`') && part.endsWith('`')) return <code key={index}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={index}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (let index = 0; index < lines.length;) {
    const line = lines[index]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++)
        code.push(lines[index]!);
      index++;
      blocks.push(
        <pre key={blocks.length}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
    } else if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; index < lines.length && lines[index]!.startsWith('|'); index++) {
        const cells = lines[index]!.replace(/^\|/, '')
          .replace(/\|\s*$/, '')
          .split('|')
          .map((cell) => cell.trim());
        if (!cells.every((cell) => /^:?-+:?$/.test(cell))) rows.push(cells);
      }
      const [head = [], ...body] = rows;
      blocks.push(
        <div key={blocks.length} className="overflow-x-auto">
          <table className="text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1 dark:[&_td]:border-slate-700">
            <thead>
              <tr>
                {head.map((cell, position) => (
                  <th key={position}>{inline(cell)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, position) => (
                    <td key={position}>{inline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (index < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[index]!))
        items.push(lines[index++]!.replace(/^\s*([-*]|\d+\.)\s+/, ''));
      const List = ordered ? 'ol' : 'ul';
      blocks.push(
        <List key={blocks.length}>
          {items.map((item, position) => (
            <li key={position}>{inline(item)}</li>
          ))}
        </List>,
      );
    } else if (/^#{1,4}\s/.test(line)) {
      blocks.push(<h3 key={blocks.length}>{inline(line.replace(/^#+\s/, ''))}</h3>);
      index++;
    } else if (line.trim() === '') {
      index++;
    } else {
      const paragraph: string[] = [];
      while (
        index < lines.length &&
        lines[index]!.trim() !== '' &&
        !lines[index]!.startsWith('```') &&
        !lines[index]!.startsWith('|') &&
        !/^\s*([-*]|\d+\.)\s+/.test(lines[index]!)
      )
        paragraph.push(lines[index++]!);
      blocks.push(<p key={blocks.length}>{inline(paragraph.join(' '))}</p>);
    }
  }
  return (
    <div className="markdown space-y-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-sm dark:[&_code]:bg-slate-800 [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-950 [&_pre]:p-3 [&_pre]:text-xs [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_ul]:list-disc [&_ul]:pl-6">
      {blocks}
    </div>
  );
}
