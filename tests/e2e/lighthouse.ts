import { createServer } from 'node:net';
import { chromium } from '@playwright/test';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromiumLaunchOptions } from './chromium';

export interface LighthouseFigures {
  url: string;
  formFactor: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  failedAccessibilityAudits: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Real Lighthouse 12 (performance and accessibility categories) on Debian's Chromium, driven over the DevTools
 * port of a browser Playwright launches. Mobile is Lighthouse's default (simulated slow 4G, 4x CPU slowdown).
 */
export async function runLighthouse(
  urls: string[],
  formFactors: Array<'mobile' | 'desktop'>,
): Promise<LighthouseFigures[]> {
  const port = await freePort();
  const options = chromiumLaunchOptions();
  const browser = await chromium.launch({
    ...options,
    args: [...(options.args ?? []), `--remote-debugging-port=${port}`],
  });
  const figures: LighthouseFigures[] = [];
  try {
    for (const url of urls) {
      for (const formFactor of formFactors) {
        const result = await lighthouse(
          url,
          { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { categories, audits } = result.lhr;
        const numeric = (id: string) => Math.round(audits[id]?.numericValue ?? Number.NaN);
        figures.push({
          url,
          formFactor,
          performance: Math.round((categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
          lcpMs: numeric('largest-contentful-paint'),
          tbtMs: numeric('total-blocking-time'),
          cls: Number((audits['cumulative-layout-shift']?.numericValue ?? Number.NaN).toFixed(3)),
          fcpMs: numeric('first-contentful-paint'),
          failedAccessibilityAudits: (categories.accessibility?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0)
            .map((ref) => ref.id),
        });
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}
