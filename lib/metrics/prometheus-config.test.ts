import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  alertNames,
  alertRules,
  composeScrapeOptions,
  productionFor,
  scrapeConfig,
  toPrometheusYaml,
} from './prometheus-config';

const infra = join(import.meta.dirname, '..', '..', 'infra', 'prometheus');

/** Debian's promtool (apt-get install prometheus; .ci/run installs it). */
function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd: infra, encoding: 'utf8' });
  if (result.error)
    throw new Error(`promtool could not run (apt-get install prometheus): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the Prometheus files in infra/prometheus', () => {
  it('are what lib/metrics/prometheus-config.ts generates (npm run monitoring-config)', () => {
    expect(readFileSync(join(infra, 'prometheus.yml'), 'utf8')).toBe(
      toPrometheusYaml(scrapeConfig(composeScrapeOptions)),
    );
    expect(readFileSync(join(infra, 'alerts.yml'), 'utf8')).toBe(toPrometheusYaml(alertRules()));
  });

  it('define one rule per alert, each with its production for: duration', () => {
    const rules = alertRules().groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual([...alertNames]);
    for (const rule of rules) expect(rule.for).toBe(productionFor[rule.alert]);
  });

  it('pass promtool check config and check rules', () => {
    const config = promtool('check', 'config', 'prometheus.yml');
    expect(config.output).toContain('SUCCESS: 6 rules found');
    expect(config.status).toBe(0);
  });

  it('pass the rules unit tests in alerts.test.yml (each alert fires on its input series, the others stay quiet)', () => {
    const tested = promtool('test', 'rules', 'alerts.test.yml');
    expect(tested.output).toContain('SUCCESS');
    expect(tested.status).toBe(0);
  });

  it('promtool rejects a rule whose PromQL does not parse, so the checks above can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
    try {
      const [group] = alertRules().groups;
      const [first, ...others] = group?.rules ?? [];
      if (!group || !first) throw new Error('alertRules() has no rules');
      const broken = { ...first, expr: 'max by (stage (pipeline_latest_run_stage_failed)' };
      writeFileSync(
        join(dir, 'broken.yml'),
        toPrometheusYaml({ groups: [{ ...group, rules: [broken, ...others] }] }),
      );
      const checked = promtool('check', 'rules', join(dir, 'broken.yml'));
      expect(checked.status).not.toBe(0);
      expect(checked.output).toContain('PipelineStageFailed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
