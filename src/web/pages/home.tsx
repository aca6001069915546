// The home page: trending papers for a window, paged, with a way to the
// latest day's papers (their own page, daily.tsx) and the digest.
import type { TrendingWindow } from '../../domain/trending.ts';
import type { TrendingPage } from '../../trending/trending.ts';
import { Layout } from './layout.tsx';
import { OffsetPager, PaperList } from './paper-list.tsx';
import { dailyPath, withQuery } from '../paths.ts';
import { longDate } from './daily.tsx';
import { ListViewSwitch } from './list-view.tsx';
import { ageInWords } from '../../domain/days.ts';
import { SubscribeBox } from './digest.tsx';

const WINDOW_LABELS: Record<TrendingWindow, string> = { day: 'Today', week: 'This week', month: 'This month' };

export interface HomeProps {
  trending: TrendingPage;
  /** The latest day with papers, and how many it has. */
  latestDay: { day: string; total: number } | null;
  /** Papers per page of the trending list. */
  pageSize: number;
  statusLine: string | null;
  /** Whether digests go out here, and whether the reader gets one. */
  subscribe: { delivers: boolean; subscribed: boolean };
}

export function HomePage({ trending, latestDay, pageSize, statusLine, subscribe }: HomeProps) {
  const feeds = [
    {
      title: `Trending ${WINDOW_LABELS[trending.window].toLowerCase()} (Atom)`,
      href: withQuery('/trending.atom', { window: trending.window }),
      type: 'atom' as const,
    },
  ];
  return (
    <Layout
      title="paperboy"
      description="Trending and daily research papers"
      section="home"
      statusLine={statusLine}
      feeds={feeds}
      paperList={trending.papers.length > 0}
    >
      <h1 id="trending-heading">Trending papers</h1>
      <HomeTabs current="trending" />
      {latestDay ? <LatestDay day={latestDay.day} total={latestDay.total} /> : null}
      <SubscribeBox delivers={subscribe.delivers} subscribed={subscribe.subscribed} />
      <WindowTabs
        current={trending.window}
        label="Trending window"
        link={(window) => withQuery('/', { window: window === 'day' ? undefined : window })}
      />
      <TrendingList trending={trending} pageSize={pageSize} />
    </Layout>
  );
}

/** Trending for everyone, or new papers for the reader. */
export function HomeTabs({ current }: { current: 'trending' | 'for-you' }) {
  return (
    <ul class="tabs home-tabs" aria-label="Papers to show">
      <li>
        <a href="/" aria-current={current === 'trending' ? 'page' : undefined}>
          Trending
        </a>
      </li>
      <li>
        <a href="/for-you" aria-current={current === 'for-you' ? 'page' : undefined}>
          For you
        </a>
      </li>
    </ul>
  );
}

function LatestDay({ day, total }: { day: string; total: number }) {
  return (
    <p class="latest-day">
      <a href={dailyPath(day)}>
        Papers of {longDate(day)}: {total.toLocaleString('en')} {total === 1 ? 'paper' : 'papers'} →
      </a>
    </p>
  );
}

/** Today, this week, this month: each a link to the same list over that window. */
export function WindowTabs({ current, label, link }: { current: TrendingWindow; label: string; link: (window: TrendingWindow) => string }) {
  return (
    <ul class="tabs" aria-label={label}>
      {(Object.keys(WINDOW_LABELS) as TrendingWindow[]).map((window) => (
        <li>
          <a href={link(window)} aria-current={window === current ? 'page' : undefined}>
            {WINDOW_LABELS[window]}
          </a>
        </li>
      ))}
    </ul>
  );
}

const SOURCE_LABELS: Record<string, string> = { 'this hub': 'votes here', 'Hugging Face': 'Hugging Face', GitHub: 'GitHub stars' };

function TrendingList({ trending, pageSize }: { trending: TrendingPage; pageSize: number }) {
  const window = WINDOW_LABELS[trending.window].toLowerCase();
  if (!trending.papers.length)
    return (
      <>
        <DataFreshness trending={trending} />
        <p>
          Nothing is trending {window}: no paper gained enough votes, upvotes or stars in the latest {trending.window} of data.
          {trending.window === 'month' ? '' : ' Try a longer window.'}
        </p>
      </>
    );
  const first = trending.offset + 1;
  const last = first + trending.papers.length - 1;
  const pageLink = (cursor: string) => withQuery('/', { window: trending.window === 'day' ? undefined : trending.window, cursor });
  return (
    <section aria-label={`Trending ${window}`}>
      <DataFreshness trending={trending} />
      <div class="list-head">
        <p class="muted">
          {trending.total.toLocaleString('en')} trending {trending.total === 1 ? 'paper' : 'papers'}
          {trending.total > pageSize ? `; ${first}–${last} shown` : ''}.
        </p>
        <ListViewSwitch />
      </div>
      <PaperList papers={trending.papers} start={first} />
      <OffsetPager
        page={trending}
        total={trending.total}
        shown={trending.papers.length}
        pageSize={pageSize}
        label="Pages of trending papers"
        link={pageLink}
      />
    </section>
  );
}

/** How old each source's newest data is: trending counts each source up to its own latest data. */
function DataFreshness({ trending }: { trending: TrendingPage }) {
  if (!trending.sources.length) return <p class="muted">No votes, upvotes or stars have been recorded yet.</p>;
  const now = Date.now();
  const parts = trending.sources.map(
    ({ source, asOf }) => `${SOURCE_LABELS[source] ?? source} ${shortDate(asOf)} (${ageInWords(asOf, now)})`,
  );
  return (
    <p class="muted">
      Latest data: {parts.join(' · ')}. Each source counts up to its own latest data, newer gains counting more.{' '}
      <a href="/about#trending">How this is ranked</a>
    </p>
  );
}

function shortDate(time: string): string {
  return new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
