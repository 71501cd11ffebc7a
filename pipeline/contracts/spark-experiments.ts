/**
 * The Spark lessons' fixed experiments (run by the Spark driver's SparkExperiments.java) and the parameters a learner
 * may change, with their bounds. Plain data, so the lesson cell draws its controls from it without a schema library
 * and the server checks a request against the same bounds.
 */
export type ExperimentParam =
  | { kind: 'choice'; label: string; values: readonly string[]; default: string }
  | { kind: 'integer'; label: string; min: number; max: number; default: number };

export interface ExperimentSpec {
  title: string;
  params: Record<string, ExperimentParam>;
}

const eventTypes = [
  'page_view',
  'product_view',
  'add_to_cart',
  'purchase',
  'search',
  'wishlist_add',
] as const;

export const sparkExperiments = {
  dataframe: {
    title: 'DataFrame: filter → groupBy(day) → agg',
    params: {
      eventType: { kind: 'choice', label: 'event type', values: eventTypes, default: 'purchase' },
    },
  },
  'rdd-reduce-vs-group': {
    title: 'RDD: reduceByKey against groupByKey',
    params: {
      key: {
        kind: 'choice',
        label: 'key',
        values: ['event_type', 'device', 'product_id', 'user_id'],
        default: 'event_type',
      },
      partitions: { kind: 'integer', label: 'partitions', min: 1, max: 32, default: 4 },
    },
  },
  'broadcast-join': {
    title: 'Join fact_events to dim_product: broadcast hint against a shuffle join',
    params: {
      partitions: { kind: 'integer', label: 'shuffle partitions', min: 1, max: 64, default: 8 },
    },
  },
  'skew-aqe': {
    title: 'A skewed join with adaptive execution off, then on',
    params: {
      hotPercent: { kind: 'integer', label: '% of rows on the hot key', min: 10, max: 95, default: 60 },
      partitions: { kind: 'integer', label: 'shuffle partitions', min: 2, max: 64, default: 8 },
    },
  },
  partitioning: {
    title: 'repartition(n) against coalesce(n) from 16 partitions',
    params: {
      partitions: { kind: 'integer', label: 'n', min: 1, max: 64, default: 4 },
    },
  },
} as const satisfies Record<string, ExperimentSpec>;

export type SparkExperimentName = keyof typeof sparkExperiments;
export type ExperimentParams = Record<string, string | number>;

export function isSparkExperiment(name: string): name is SparkExperimentName {
  return Object.hasOwn(sparkExperiments, name);
}

/** The request's parameters within bounds, defaults filled in; a message naming the parameter otherwise. */
export function checkExperimentParams(
  name: SparkExperimentName,
  given: Record<string, unknown>,
): { params: ExperimentParams } | { error: string } {
  const spec: ExperimentSpec = sparkExperiments[name];
  const params: ExperimentParams = {};
  for (const key of Object.keys(given))
    if (!Object.hasOwn(spec.params, key))
      return {
        error: `The experiment ${name} has no parameter "${key}" (it takes ${Object.keys(spec.params).join(', ')}).`,
      };
  for (const [key, param] of Object.entries(spec.params)) {
    const value = given[key] ?? param.default;
    if (param.kind === 'choice') {
      if (typeof value !== 'string' || !param.values.includes(value))
        return { error: `${key} must be one of ${param.values.join(', ')}.` };
      params[key] = value;
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < param.min || value > param.max)
        return { error: `${key} must be a whole number from ${param.min} to ${param.max}.` };
      params[key] = value;
    }
  }
  return { params };
}
