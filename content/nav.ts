/** The product's four places, in the order a learner walks them. Typed so links cannot drift. */
export interface NavItem {
  href: '/' | '/learn' | '/pipeline' | '/playground' | '/interview';
  label: string;
  verb: string;
  summary: string;
}

export const primaryNav: readonly NavItem[] = [
  {
    href: '/learn',
    label: 'Learn',
    verb: 'Learn',
    summary: 'Lessons on the three-week plan: Kafka, Spark, Airflow, lakes, warehouses and data quality.',
  },
  {
    href: '/pipeline',
    label: 'Pipeline',
    verb: 'Run',
    summary:
      'Generate e-commerce data and drive it stage by stage through a real pipeline, with counts and rejects.',
  },
  {
    href: '/playground',
    label: 'Playground',
    verb: 'Query',
    summary: 'Write SQL over your own run in the browser: DuckDB-WASM against the warehouse you just built.',
  },
  {
    href: '/interview',
    label: 'Interview',
    verb: 'Practise',
    summary:
      'Model answers with rubrics, timed mock interviews, spaced repetition and graded SQL challenges.',
  },
];
