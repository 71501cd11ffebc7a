/**
 * The lessons, their slugs and weeks. The content tests check that every slug here has a file in
 * content/lessons and that every lesson file is listed here, so navigation and links cannot drift.
 */
export const lessonPlan = [
  { slug: 'architecture-lambda-kappa', week: 1, title: 'Pipeline architecture: lambda and kappa' },
  { slug: 'realistic-data-generation', week: 1, title: 'Generating realistic e-commerce data' },
  { slug: 'batch-vs-streaming', week: 1, title: 'Batch vs streaming' },
  { slug: 'lake-warehouse-lakehouse', week: 1, title: 'Data lake, warehouse and lakehouse' },
  { slug: 'file-formats', week: 1, title: 'JSON, CSV and Parquet: rows vs columns' },
  { slug: 'docker-local-infrastructure', week: 1, title: 'Docker and local infrastructure' },
  { slug: 'kafka-fundamentals', week: 2, title: 'Kafka: topics, partitions and consumer groups' },
  { slug: 'kafka-delivery-semantics', week: 2, title: 'Kafka delivery semantics, idempotence and KRaft' },
  { slug: 'ingestion-patterns-cdc', week: 2, title: 'Ingestion patterns and change data capture' },
  { slug: 'etl-vs-elt', week: 2, title: 'ETL vs ELT' },
  { slug: 'spark-fundamentals', week: 2, title: 'Spark: RDDs, DataFrames and Spark SQL' },
  { slug: 'spark-performance', week: 2, title: 'Spark performance: shuffles, skew, joins and AQE' },
  { slug: 'star-schema-modelling', week: 2, title: 'Data modelling: star schema and normalization' },
  { slug: 'slowly-changing-dimensions', week: 2, title: 'Slowly changing dimensions' },
  { slug: 'storage-choices', week: 2, title: 'Storage choices: OLTP, OLAP, wide-column and cache' },
  { slug: 'airflow-orchestration', week: 2, title: 'Airflow: DAGs, scheduling and backfills' },
  { slug: 'stream-processing', week: 3, title: 'Stream processing: windows, watermarks and late data' },
  { slug: 'exactly-once', week: 3, title: 'Exactly-once: what it means end to end' },
  { slug: 'data-quality', week: 3, title: 'Data quality: checks, contracts and quarantine' },
  { slug: 'schema-evolution', week: 3, title: 'Schema evolution and compatibility modes' },
  { slug: 'performance-tuning', week: 3, title: 'Performance tuning a pipeline' },
  { slug: 'production-readiness', week: 3, title: 'Production readiness: monitoring, alerting and SLAs' },
] as const;

export type LessonSlug = (typeof lessonPlan)[number]['slug'];
