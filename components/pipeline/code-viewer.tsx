'use client';

import '../sql/monaco/setup';
import 'monaco-editor/languages/definitions/typescript/register';
import Editor from '@monaco-editor/react';

export interface CodeViewerProps {
  value: string;
  language: 'sql' | 'typescript';
  height: number;
  label: string;
}

/**
 * A stage's SQL or TypeScript, read-only, in the playground's own Monaco (same bundle, same setup, no CDN).
 * Loaded lazily by the stage drawer: Monaco is the heaviest piece of the console.
 */
export default function CodeViewer({ value, language, height, label }: CodeViewerProps) {
  return (
    <Editor
      height={height}
      language={language}
      value={value}
      theme="vs"
      loading={null}
      options={{
        readOnly: true,
        domReadOnly: true,
        minimap: { enabled: false },
        fontSize: 12,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        lineNumbersMinChars: 3,
        renderLineHighlight: 'none',
        ariaLabel: label,
      }}
    />
  );
}
