// The papers of one day: the day's controls on top (previous and next day by
// link and by the arrow keys, a date picker that is a plain form without
// script), the papers most voted first with their rank, pages of them, and a
// feed of the day.
import type { DailyPage } from '../../trending/daily.ts';
import { Layout } from './layout.tsx';
import { OffsetPager, PaperList } from './paper-list.tsx';
import { ListViewSwitch } from './list-view.tsx';
import { dailyPath, withQuery } from '../paths.ts';

export function DailyPapersPage({ daily, pageSize, statusLine }: { daily: DailyPage; pageSize: number; statusLine: string | null }) {
  const feeds = [{ title: `Papers of ${daily.day} (Atom)`, href: withQuery('/daily.atom', { date: daily.day }), type: 'atom' as const }];
  return (
    <Layout
      title={`Papers of ${longDate(daily.day)}`}
      description={`Research papers of ${daily.day}, most voted first`}
      section="daily"
      statusLine={statusLine}
      feeds={feeds}
      paperList={daily.papers.length > 0}
    >
      <h1 id="daily-heading">Papers of {longDate(daily.day)}</h1>
      <DayNav daily={daily} />
      <DailyList daily={daily} pageSize={pageSize} />
    </Layout>
  );
}

function DayNav({ daily }: { daily: DailyPage }) {
  return (
    <nav class="day-nav" aria-label="Days">
      {daily.previousDay ? (
        <a href={dailyPath(daily.previousDay)} rel="prev" aria-keyshortcuts="ArrowLeft">
          ← {daily.previousDay}
        </a>
      ) : null}
      <form action="/daily" method="get">
        <label>
          Day <input type="date" name="date" value={daily.day} data-autosubmit />
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      {daily.nextDay ? (
        <a href={dailyPath(daily.nextDay)} rel="next" aria-keyshortcuts="ArrowRight">
          {daily.nextDay} →
        </a>
      ) : null}
    </nav>
  );
}

function DailyList({ daily, pageSize }: { daily: DailyPage; pageSize: number }) {
  if (!daily.total)
    return (
      <p>
        No papers here were published on {longDate(daily.day)}
        {daily.quietReason ? `: ${daily.quietReason}` : ''}.
      </p>
    );
  const first = daily.offset + 1;
  const last = first + daily.papers.length - 1;
  const pageLink = (cursor: string) => dailyPath(daily.day, { cursor });
  return (
    <section aria-label={`Papers of ${daily.day}`}>
      <div class="list-head">
        <p class="muted">
          {daily.total.toLocaleString('en')} {daily.total === 1 ? 'paper' : 'papers'}, most voted first (votes here and on Hugging Face)
          {daily.total > pageSize ? `; ${first}–${last} shown` : ''}.
        </p>
        <ListViewSwitch />
      </div>
      <PaperList papers={daily.papers} start={first} rankLabel={(rank) => `#${rank} paper of the day`} />
      <OffsetPager
        page={daily}
        total={daily.total}
        shown={daily.papers.length}
        pageSize={pageSize}
        label="Pages of this day"
        link={pageLink}
      />
    </section>
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
