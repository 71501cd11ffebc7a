import type { Metadata } from 'next';
import { IncidentRound } from '@/components/incidents/incident-round';
import { PageHeader } from '@/components/ui/page-header';
import { lessonPlan } from '@/content/lessons-plan';
import { incidentTypes } from '@/pipeline/contracts/incidents';
import { incidentCatalog } from '@/lib/incidents/catalog';

export const metadata: Metadata = { title: 'Incident round' };

export default function IncidentPage() {
  return (
    <>
      <PageHeader eyebrow="Practise" title="Incident round">
        <p>
          A fresh run of the pipeline breaks in one of {incidentTypes.length} ways, and you are not told
          which. Investigate it with SQL, name the root cause, write the data-quality check that would have
          caught it, then explain it as you would to an interviewer. The check is graded on the server against
          the run’s ledger of every record the fault hit, on your run and on two hidden runs of the same
          incident.
        </p>
      </PageHeader>
      <IncidentRound
        causes={incidentTypes.map((type) => ({ type, title: incidentCatalog[type].title }))}
        lessonTitles={Object.fromEntries(lessonPlan.map((lesson) => [lesson.slug, lesson.title]))}
      />
    </>
  );
}
