/** Monaco's line height at the editor's 14 px font, and the stand-in box's vertical padding. */
const lineHeight = 19;
const padding = 8;

/** An editor tall enough for its text plus a line to type on, between `min` and `max` lines. */
export function editorHeight(text: string, min: number, max: number): number {
  const lines = Math.min(max, Math.max(min, text.split('\n').length + 1));
  return lines * lineHeight + padding;
}
