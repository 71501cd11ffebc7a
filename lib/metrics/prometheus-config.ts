import { stringify } from 'yaml';

/**
 * The one source of the Prometheus files: infra/prometheus/prometheus.yml and alerts.yml are written from it by
 * `npm run monitoring-config` (a unit test fails when they drift), and the live tests generate their own copies
 * from it, pointed at a test server with short intervals and `for:` durations.
 */

export const alertNames = [
  'PipelineStageFailed',
  'PipelineRejectRateHigh',
  'PipelineConsumerLagNotFalling',
  'PipelineNoNewEvents',
  'PipelineReconciliationBroken',
  'PipelineMetricsDown',
] as const;
export type AlertName = (typeof alertNames)[number];

/** Share of a run's generated records rejected above which it pages: realistic runs stay near 0.6 %, chaos near 3.6 %. */
export const rejectRatioThreshold = 0.02;
/** No records landed for this long means the source or the pipeline stopped. */
export const noNewEventsWindowSeconds = 2 * 3600;

/** Production `for:` durations: long enough that a single bad scrape does not page. */
export const productionFor: Record<AlertName, string> = {
  PipelineStageFailed: '1m',
  PipelineRejectRateHigh: '5m',
  PipelineConsumerLagNotFalling: '15m',
  PipelineNoNewEvents: '10m',
  PipelineReconciliationBroken: '1m',
  PipelineMetricsDown: '5m',
};

interface AlertRule {
  alert: AlertName;
  expr: string;
  for: string;
  labels: { severity: 'page' | 'ticket' };
  annotations: { summary: string; description: string };
}

export function alertRules(forOf: Record<AlertName, string> = productionFor): {
  groups: Array<{ name: string; rules: AlertRule[] }>;
} {
  const rule = (
    alert: AlertName,
    expr: string,
    severity: 'page' | 'ticket',
    summary: string,
    description: string,
  ): AlertRule => ({
    alert,
    expr,
    for: forOf[alert],
    labels: { severity },
    annotations: { summary, description },
  });
  return {
    groups: [
      {
        name: 'pipeline-lab',
        rules: [
          rule(
            'PipelineStageFailed',
            'max by (run_id, stage) (pipeline_latest_run_stage_failed) == 1',
            'page',
            'Stage {{ $labels.stage }} failed in run {{ $labels.run_id }}',
            'The newest finished run stopped at {{ $labels.stage }}; its manifest.json has the error code and message.',
          ),
          rule(
            'PipelineRejectRateHigh',
            `max by (run_id, faults) (pipeline_latest_run_reject_ratio) > ${rejectRatioThreshold}`,
            'page',
            'Run {{ $labels.run_id }} rejected {{ $value | humanizePercentage }} of its records',
            `More than ${rejectRatioThreshold * 100} % of the generated records were dead-lettered or quarantined; pipeline_rejects_total by reason says which check.`,
          ),
          rule(
            'PipelineConsumerLagNotFalling',
            'sum by (run_id, group, topic) (pipeline_consumer_lag) > 0 and sum by (run_id, group, topic) (delta(pipeline_consumer_lag[15m])) >= 0',
            'ticket',
            'Consumer group {{ $labels.group }} of run {{ $labels.run_id }} is not catching up on {{ $labels.topic }}',
            'Lag has been above zero and has not fallen for 15 minutes: the consumer is stuck or slower than the producer.',
          ),
          rule(
            'PipelineNoNewEvents',
            `time() - max(pipeline_last_ingest_timestamp_seconds) > ${noNewEventsWindowSeconds}`,
            'ticket',
            'No records landed for {{ $value | humanizeDuration }}',
            `No ingest finished in the last ${noNewEventsWindowSeconds / 3600} hours: the source or the pipeline has stopped.`,
          ),
          rule(
            'PipelineReconciliationBroken',
            'min by (run_id, entity) (pipeline_latest_reconciliation_holds) == 0',
            'page',
            'Reconciliation of {{ $labels.entity }} does not hold in run {{ $labels.run_id }}',
            'Generated ≠ dead-lettered + quarantined + duplicates removed + accepted: records were lost or counted twice.',
          ),
          rule(
            'PipelineMetricsDown',
            'up{job="pipeline-lab"} == 0',
            'ticket',
            'Prometheus cannot scrape {{ $labels.instance }}',
            'Every other alert is blind while /api/metrics does not answer.',
          ),
        ],
      },
    ],
  };
}

export interface ScrapeConfigOptions {
  /** host:port of the app serving /api/metrics. */
  target: string;
  scrapeInterval: string;
  evaluationInterval: string;
  ruleFiles: string[];
}

export const composeScrapeOptions: ScrapeConfigOptions = {
  target: 'host.docker.internal:3000',
  scrapeInterval: '5s',
  evaluationInterval: '15s',
  ruleFiles: ['alerts.yml'],
};

export function scrapeConfig(options: ScrapeConfigOptions): object {
  return {
    global: { scrape_interval: options.scrapeInterval, evaluation_interval: options.evaluationInterval },
    rule_files: options.ruleFiles,
    scrape_configs: [
      {
        job_name: 'pipeline-lab',
        metrics_path: '/api/metrics',
        static_configs: [{ targets: [options.target] }],
      },
    ],
  };
}

const header =
  '# Generated by `npm run monitoring-config` from lib/metrics/prometheus-config.ts: edit that, not this.\n';

export function toPrometheusYaml(document: object): string {
  return header + stringify(document, { lineWidth: 0, singleQuote: true });
}
