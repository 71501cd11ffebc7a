import Link from 'next/link';
import { primaryNav } from '@/content/nav';

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <a href="#main" className="skip-link rounded bg-brand-600 px-3 py-2 text-white">
        Skip to content
      </a>
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
      >
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="inline-block h-5 w-5 rounded bg-gradient-to-br from-brand-500 to-emerald-500"
          />
          Pipeline Lab
        </Link>
        <ul className="flex flex-wrap gap-4 text-sm">
          {primaryNav.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="rounded px-1 py-0.5 text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
