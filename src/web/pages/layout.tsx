// The frame of every page: head (one stylesheet, one deferred script, feed
// links), skip link, header with navigation and search, status line, footer.
import type { Child } from 'hono/jsx';
import { staticUrl } from '../static.ts';
import { withQuery } from '../paths.ts';
import { useViewer } from './viewer.tsx';

export type Section = 'home' | 'daily' | 'search' | 'library' | 'about' | 'status' | 'account' | null;

export interface Feed {
  title: string;
  href: string;
  type: 'atom' | 'rss';
}

export interface LayoutProps {
  title: string;
  description?: string;
  section: Section;
  query?: string;
  /** Says so when search by meaning is still being built; null when nothing to say. */
  statusLine: string | null;
  feeds?: Feed[];
  canonical?: string;
  /** The page holds a list of papers (#papers): a second skip link leads straight to it. */
  paperList?: boolean;
  children: Child;
}

const NAV: { section: Exclude<Section, null>; href: string; label: string }[] = [
  { section: 'home', href: '/', label: 'Trending' },
  { section: 'daily', href: '/daily', label: 'Daily' },
  { section: 'search', href: '/search', label: 'Search' },
  { section: 'library', href: '/library', label: 'Library' },
  { section: 'about', href: '/about', label: 'About' },
];

const FEED_TYPES = { atom: 'application/atom+xml', rss: 'application/rss+xml' } as const;

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === 'paperboy' ? 'paperboy' : `${props.title} · paperboy`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" type="image/svg+xml" href={staticUrl('favicon.svg')} />
        <link rel="stylesheet" href={staticUrl('app.css')} />
        {(props.feeds ?? []).map((feed) => (
          <link rel="alternate" type={FEED_TYPES[feed.type]} title={feed.title} href={feed.href} />
        ))}
        <script src={staticUrl('app.js')} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {props.paperList ? (
          <a class="skip" href="#papers">
            Skip to the papers
          </a>
        ) : null}
        <SiteHeader section={props.section} query={props.query ?? ''} />
        <main id="main" class="wrap">
          {props.statusLine ? (
            <p class="status-line" role="status">
              {props.statusLine}
            </p>
          ) : null}
          {props.children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}

function SiteHeader({ section, query }: { section: Section; query: string }) {
  return (
    <header class="site">
      <div class="wrap">
        <a class="brand" href="/">
          paperboy
        </a>
        <nav class="site" aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li>
                <a href={item.href} aria-current={item.section === section ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <AccountLinks />
        {section === 'search' ? null : (
          <form class="search" action="/search" method="get" role="search">
            <input type="search" name="q" value={query} placeholder="Search papers (press /)" aria-label="Search papers" />
            <button type="submit">Search</button>
          </form>
        )}
      </div>
    </header>
  );
}

function AccountLinks() {
  const viewer = useViewer();
  if (!viewer.email) {
    return (
      <a class="account" href={withQuery('/signin', { next: viewer.path === '/' ? undefined : viewer.path })}>
        Sign in
      </a>
    );
  }
  return (
    <a class="account" href="/account" title={`Signed in as ${viewer.email}`}>
      Account
    </a>
  );
}

function SiteFooter() {
  return (
    <footer class="site">
      <div class="wrap">
        <ul>
          <li>
            <a href="/about">How ranking works</a>
          </li>
          <li>
            <a href="/status">Status</a>
          </li>
          <li>
            <a href="/trending.atom">Trending feed</a>
          </li>
          <li>
            <a href="/api/openapi.json">JSON API</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
