// The home page: trending papers for a window, and the papers of one day with
// previous/next day links and a date picker (a plain form without script).
import type { TrendingWindow } from '../../domain/trending.ts';
import type { TrendingPage } from '../../trending/trending.ts';
import type { DailyPage } from '../../trending/daily.ts';
import { Layout } from './layout.tsx';
import { PaperList } from './paper-list.tsx';
import { withQuery } from '../paths.ts';
import { ageInWords } from '../../domain/days.ts';
import { SubscribeBox } from './digest.tsx';

const WINDOW_LABELS: Record<TrendingWindow, string> = { day: 'Today', week: 'This week', month: 'This month' };

export interface HomeProps {
  trending: TrendingPage;
  daily: DailyPage;
  /** Papers per page of the day's list (pages follow by cursor). */
  pageSize: number;
  statusLine: string | null;
  /** Whether digests go out here, and whether the reader gets one. */
  subscribe: { delivers: boolean; subscribed: boolean };
}

export function HomePage({ trending, daily, pageSize, statusLine, subscribe }: HomeProps) {
  const feeds = [
    {
      title: `Trending ${WINDOW_LABELS[trending.window].toLowerCase()} (Atom)`,
      href: withQuery('/trending.atom', { window: trending.window }),
      type: 'atom' as const,
    },
    { title: `Papers of ${daily.day} (Atom)`, href: withQuery('/daily.atom', { date: daily.day }), type: 'atom' as const },
  ];
  return (
    <Layout title="paperboy" description="Trending and daily research papers" section="home" statusLine={statusLine} feeds={feeds}>
      <section aria-labelledby="trending-heading">
        <h1 id="trending-heading">Trending papers</h1>
        <SubscribeBox delivers={subscribe.delivers} subscribed={subscribe.subscribed} />
        <WindowTabs current={trending.window} day={daily.day} />
        <TrendingList trending={trending} />
      </section>
      <section aria-labelledby="daily-heading">
        <h2 id="daily-heading">Papers of {longDate(daily.day)}</h2>
        <DayNav daily={daily} window={trending.window} />
        <DailyList daily={daily} window={trending.window} pageSize={pageSize} />
      </section>
    </Layout>
  );
}

function WindowTabs({ current, day }: { current: TrendingWindow; day: string }) {
  return (
    <ul class="tabs" aria-label="Trending window">
      {(Object.keys(WINDOW_LABELS) as TrendingWindow[]).map((window) => (
        <li>
          <a href={withQuery('/', { window, date: day })} aria-current={window === current ? 'page' : undefined}>
            {WINDOW_LABELS[window]}
          </a>
        </li>
      ))}
    </ul>
  );
}

const SOURCE_LABELS: Record<string, string> = { 'this hub': 'votes here', 'Hugging Face': 'Hugging Face', GitHub: 'GitHub stars' };

function TrendingList({ trending }: { trending: TrendingPage }) {
  const window = WINDOW_LABELS[trending.window].toLowerCase();
  return (
    <>
      <DataFreshness trending={trending} />
      {trending.papers.length ? (
        <PaperList papers={trending.papers} />
      ) : (
        <p>
          Nothing is trending {window}: no paper gained enough votes, upvotes or stars in the latest {trending.window} of data.
          {trending.window === 'month' ? '' : ' Try a longer window.'}
        </p>
      )}
    </>
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

function DayNav({ daily, window }: { daily: DailyPage; window: TrendingWindow }) {
  return (
    <div class="day-nav">
      {daily.previousDay ? (
        <a href={withQuery('/', { window, date: daily.previousDay })} rel="prev">
          ← {daily.previousDay}
        </a>
      ) : null}
      <form action="/" method="get">
        <input type="hidden" name="window" value={window} />
        <label>
          Day <input type="date" name="date" value={daily.day} data-autosubmit />
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      {daily.nextDay ? (
        <a href={withQuery('/', { window, date: daily.nextDay })} rel="next">
          {daily.nextDay} →
        </a>
      ) : null}
    </div>
  );
}

function DailyList({ daily, window, pageSize }: { daily: DailyPage; window: TrendingWindow; pageSize: number }) {
  if (!daily.total)
    return (
      <p>
        No papers here were published on {longDate(daily.day)}
        {daily.quietReason ? `: ${daily.quietReason}` : ''}.
      </p>
    );
  const first = daily.offset + 1;
  const last = first + daily.papers.length - 1;
  const pageLink = (cursor: string) => withQuery('/', { window, date: daily.day, cursor });
  return (
    <>
      <p class="muted">
        {daily.total.toLocaleString('en')} papers, most voted first{daily.total > pageSize ? `; ${first}–${last} shown` : ''}.
      </p>
      <PaperList papers={daily.papers} start={first} />
      <nav class="pager" aria-label="Pages of this day">
        {daily.previousCursor ? <a href={pageLink(daily.previousCursor)}>← Previous {Math.min(pageSize, daily.offset)}</a> : null}
        {daily.nextCursor ? <a href={pageLink(daily.nextCursor)}>Next {Math.min(pageSize, daily.total - last)} →</a> : null}
      </nav>
    </>
  );
}

export function longDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
