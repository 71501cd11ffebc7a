/** The three weeks of the seed notes' learning objectives, as the outline of the lessons. */
export interface CurriculumWeek {
  week: 1 | 2 | 3;
  title: string;
  topics: readonly string[];
}

export const curriculumWeeks: readonly CurriculumWeek[] = [
  {
    week: 1,
    title: 'Foundation',
    topics: [
      'Architecture: lambda and kappa',
      'Realistic data generation',
      'Batch vs streaming',
      'Data lake vs warehouse vs lakehouse',
      'JSON, CSV and Parquet',
      'Docker and local infrastructure',
    ],
  },
  {
    week: 2,
    title: 'Core processing',
    topics: [
      'Kafka: topics, partitions, consumer groups',
      'Ingestion patterns and CDC',
      'ETL vs ELT',
      'Spark: DataFrames, shuffles, skew',
      'Data modelling: star schema and SCD',
      'Storage choices: OLTP, OLAP, NoSQL, cache',
      'Airflow: DAGs, scheduling, backfills',
    ],
  },
  {
    week: 3,
    title: 'Advanced features',
    topics: [
      'Stream processing: windows and watermarks',
      'Data quality and contracts',
      'Schema evolution',
      'Performance tuning',
      'Production readiness and monitoring',
    ],
  },
];
