import { expect, type Page } from '@playwright/test';

/** The two widths every screen is checked at: a laptop and a 390 px phone (iPhone 12–15). */
export const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The page never scrolls sideways: anything wide must scroll inside its own box. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `the document is ${scrollWidth} px wide in a ${innerWidth} px window`,
  ).toBeLessThanOrEqual(innerWidth);
}

/**
 * Graph nodes drawn whole inside both the graph's box and the window, and not hidden by CSS (the graph library hides
 * a node it has not measured): what a learner can actually see.
 */
export async function visibleGraphNodes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const graph = document.querySelector('[data-testid="dag-graph"]');
    if (!graph) return 0;
    const box = graph.getBoundingClientRect();
    const inside = (rect: DOMRect) =>
      rect.width > 0 &&
      rect.height > 0 &&
      rect.left >= Math.max(box.left, 0) - 1 &&
      rect.right <= Math.min(box.right, window.innerWidth) + 1 &&
      rect.top >= box.top - 1 &&
      rect.bottom <= box.bottom + 1;
    return [...graph.querySelectorAll('.react-flow__node')].filter(
      (node) =>
        node.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
        inside(node.getBoundingClientRect()),
    ).length;
  });
}

/** Edges with a drawn path (an edge whose handles are unknown is not drawn at all). */
export async function drawnGraphEdges(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      [
        ...document.querySelectorAll(
          '[data-testid="dag-graph"] .react-flow__edge path.react-flow__edge-path',
        ),
      ].filter(
        (path) => (path.getAttribute('d') ?? '').length > 0 && (path as SVGPathElement).getTotalLength() > 0,
      ).length,
  );
}

/** The rectangles of the elements a locator matches that overlap one another (figures running together). */
export async function overlappingBoxes(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((css) => {
    const rects = [...document.querySelectorAll(css)]
      .map((element) => ({ text: element.textContent ?? '', rect: element.getBoundingClientRect() }))
      .filter((entry) => entry.rect.width > 0);
    const clashes: string[] = [];
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [a, b] = [rects[i]!.rect, rects[j]!.rect];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          clashes.push(`${rects[i]!.text} / ${rects[j]!.text}`);
      }
    }
    return clashes;
  }, selector);
}
