import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

export default function NotFound() {
  return (
    <>
      <PageHeader eyebrow="404" title="Page not found">
        <p>That page is not in Pipeline Lab. It may have moved, or the link may be mistyped.</p>
      </PageHeader>
      <Link href="/" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
        Back to the start →
      </Link>
    </>
  );
}
