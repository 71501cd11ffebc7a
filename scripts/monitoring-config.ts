import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alertRules,
  composeScrapeOptions,
  scrapeConfig,
  toPrometheusYaml,
} from '../lib/metrics/prometheus-config';

/** Writes infra/prometheus/{prometheus,alerts}.yml from lib/metrics/prometheus-config.ts. */
const dir = join(import.meta.dirname, '..', 'infra', 'prometheus');
writeFileSync(join(dir, 'prometheus.yml'), toPrometheusYaml(scrapeConfig(composeScrapeOptions)));
writeFileSync(join(dir, 'alerts.yml'), toPrometheusYaml(alertRules()));
console.log(`wrote ${join(dir, 'prometheus.yml')} and alerts.yml`);
