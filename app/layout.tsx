import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/ui/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Pipeline Lab', template: '%s · Pipeline Lab' },
  description: 'Prepare for data-engineering interviews by running a real e-commerce analytics pipeline.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-10">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-500 dark:text-slate-400">
          Pipeline Lab runs everything on your machine: no Docker needed for the embedded tier.
        </footer>
      </body>
    </html>
  );
}
