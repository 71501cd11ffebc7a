import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import lighthouse, { desktopConfig } from 'lighthouse';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
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
  /** Lighthouse's measure of the host's CPU (its docs class 1000-1500 as a low-end desktop). */
  benchmarkIndex: number;
  cpuSlowdownMultiplier: number;
  rttMs: number;
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
 * The host's benchmark index a default (4x) mobile run assumes: Lighthouse's throttling guide says 4x "moves a
 * typical run in the high-end desktop bracket" (index 1500-2000) into the mid-tier mobile one, and this machine
 * idle measures 1,950-2,200. The simulated phone is therefore an index of about 500.
 */
const MOBILE_TARGET_BENCHMARK_INDEX = 500;

/**
 * The CPU slowdown that makes a mobile run simulate the same phone whatever the host's speed at that moment, as
 * Lighthouse's throttling guide advises ("Calibrating the CPU slowdown"): a host slowed by other work (two shared
 * cores with JVMs beside it) measures a lower index, and a fixed 4x would then simulate a slower phone each time
 * (the same build scored 96 idle and 75 beside a loaded CI). Never below 1: a host slower than the target phone
 * cannot be sped up.
 */
export function calibratedCpuSlowdown(hostBenchmarkIndex: number): number {
  return Math.max(1, Math.round((hostBenchmarkIndex / MOBILE_TARGET_BENCHMARK_INDEX) * 10) / 10);
}

/** Lighthouse's own CPU benchmark (about a second), run in a tab of the browser that is about to be measured. */
async function measureBenchmarkIndex(browser: Browser): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(`(${pageFunctions.computeBenchmarkIndex.toString()})()`);
  } finally {
    await page.close();
  }
}

/**
 * Real Lighthouse 12 (performance and accessibility categories) on Debian's Chromium, driven over the DevTools
 * port of a browser Playwright launches. Mobile is Lighthouse's default (simulated slow 4G) with
 * the CPU slowdown calibrated to the host (calibratedCpuSlowdown).
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
        const throttling =
          formFactor === 'mobile'
            ? {
                throttling: {
                  cpuSlowdownMultiplier: calibratedCpuSlowdown(await measureBenchmarkIndex(browser)),
                },
              }
            : {};
        const result = await lighthouse(
          url,
          {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            ...throttling,
          },
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
          benchmarkIndex: Math.round(result.lhr.environment.benchmarkIndex),
          cpuSlowdownMultiplier: result.lhr.configSettings.throttling.cpuSlowdownMultiplier ?? Number.NaN,
          rttMs: result.lhr.configSettings.throttling.rttMs ?? Number.NaN,
        });
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}

/** The host's one-minute load average (Linux), recorded beside timings so a score can be read against it. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

/**
 * Groups runs by URL and keeps the median run by performance score (Lighthouse's advice for variable hosts),
 * with every run's score beside it.
 */
export function medianRuns(
  runs: LighthouseFigures[],
): Array<LighthouseFigures & { performanceRuns: number[]; benchmarkRuns: number[] }> {
  const groups = new Map<string, LighthouseFigures[]>();
  for (const run of runs)
    groups.set(`${run.url} ${run.formFactor}`, [...(groups.get(`${run.url} ${run.formFactor}`) ?? []), run]);
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.performance - b.performance);
    return {
      ...sorted[Math.floor((sorted.length - 1) / 2)]!,
      performanceRuns: group.map((run) => run.performance),
      benchmarkRuns: group.map((run) => run.benchmarkIndex),
    };
  });
}
