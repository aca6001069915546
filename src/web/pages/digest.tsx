// Digest pages: the subscribe box and page, "check your mail", the
// confirmation button, the preferences form (by session or by the signed link
// in a digest), and unsubscribe: a GET shows a button, only a POST acts.
import { Layout } from './layout.tsx';
import { FormGuard, useViewer } from './viewer.tsx';
import { SIGN_IN } from '../../accounts/accounts.ts';
import { LIMITS, WEEKDAY_NAMES, type Follow, type Subscription } from '../../domain/digest-preferences.ts';
import type { ReaderTerms } from '../../digest/digest.ts';

const OFF_NOTE = 'Digests are off on this hub: it has no mail server set up (SMTP_URL).';

/** The subscribe form for the home page and /subscribe: an address, or one click when signed in. */
export function SubscribeBox({ delivers, subscribed }: { delivers: boolean; subscribed: boolean }) {
  const viewer = useViewer();
  if (!delivers) return <p class="muted subscribe">{OFF_NOTE}</p>;
  if (subscribed)
    return (
      <p class="muted subscribe">
        You get the daily digest. <a href="/digest/preferences">Preferences</a>
      </p>
    );
  return (
    <form class="subscribe" method="post" action="/subscribe">
      <FormGuard />
      <p>Trending and new papers in your inbox once a day, on your terms.</p>
      {viewer.email ? null : (
        <label>
          E-mail address <input type="email" name="email" required autocomplete="email" />
        </label>
      )}{' '}
      <button type="submit">{viewer.email ? 'Subscribe to the digest' : 'Subscribe'}</button>
    </form>
  );
}

export function SubscribePage({ delivers, subscribed }: { delivers: boolean; subscribed: boolean }) {
  return (
    <Layout title="Subscribe" section={null} statusLine={null}>
      <h1>The daily paper digest</h1>
      <p>
        A short mail on the days arXiv announces papers (or once a week): what is trending, new papers in the categories, by the authors and
        matching the searches you follow, each with a line saying why. You choose what goes in, how many, and the hour it arrives.
      </p>
      <SubscribeBox delivers={delivers} subscribed={subscribed} />
    </Layout>
  );
}

export function SubscribeSentPage({ email }: { email: string }) {
  return (
    <Layout title="Check your mail" section={null} statusLine={null}>
      <h1>Check your mail</h1>
      <p class="notice" role="status">
        A link to confirm the subscription is on its way to {email}. Nothing else is sent there until you open it; it works for{' '}
        {SIGN_IN.subscribeLinkDays} days.
      </p>
    </Layout>
  );
}

export function ConfirmSubscriptionPage({ token }: { token: string }) {
  const viewer = useViewer();
  return (
    <Layout title="Confirm your subscription" section={null} statusLine={null}>
      <h1>Confirm your subscription</h1>
      <form method="post" action="/signin/link">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">Confirm and start the digest</button>
      </form>
    </Layout>
  );
}

export interface PreferencesView {
  terms: ReaderTerms;
  /** Where the forms post: /digest/preferences, or the signed link's own address. */
  action: string;
  /** Where Unsubscribe posts: the signed unsubscribe link, or /digest/unsubscribe for a session. */
  unsubscribeAction: string;
  nextDigest: string | null;
  saved: boolean;
  timeZones: readonly string[];
}

export function PreferencesPage({ view }: { view: PreferencesView }) {
  const { subscription, follows } = view.terms;
  return (
    <Layout title="Digest preferences" section="account" statusLine={null}>
      <h1>Digest preferences</h1>
      {view.saved ? (
        <p class="notice" role="status">
          Saved.
        </p>
      ) : null}
      {subscription ? <StateLine subscription={subscription} nextDigest={view.nextDigest} /> : <SubscribeBox delivers subscribed={false} />}
      {subscription ? <PreferencesForm view={view} subscription={subscription} /> : null}
      <FollowList follows={follows} action={view.action} />
      {subscription?.state === 'active' ? (
        <form method="post" action={view.unsubscribeAction}>
          <FormGuard />
          <button type="submit">Unsubscribe</button>
        </form>
      ) : null}
    </Layout>
  );
}

function StateLine({ subscription, nextDigest }: { subscription: Subscription; nextDigest: string | null }) {
  const states = {
    active: nextDigest ? `You get the digest. The next one comes ${nextDigest}.` : 'You get the digest.',
    unsubscribed: 'You unsubscribed: no digest is sent. Save these preferences and subscribe again from the home page whenever you like.',
    suspended: 'Digests to your address bounced again and again, so they are stopped. Subscribe again once the address works.',
  };
  return (
    <p>{subscription.frequency === 'paused' && subscription.state === 'active' ? 'Your digest is paused.' : states[subscription.state]}</p>
  );
}

function PreferencesForm({ view, subscription: s }: { view: PreferencesView; subscription: Subscription }) {
  return (
    <form method="post" action={view.action} class="preferences">
      <FormGuard />
      <fieldset>
        <legend>How often</legend>
        <Radio name="frequency" value="daily" checked={s.frequency === 'daily'} label="Every arXiv announcement day (Sunday to Thursday)" />
        <label class="check">
          <input type="radio" name="frequency" value="weekly" checked={s.frequency === 'weekly'} /> Weekly, on{' '}
          <select name="weekday" aria-label="Weekday">
            {WEEKDAY_NAMES.map((name, day) => (
              <option value={String(day)} selected={s.weekday === day}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <Radio name="frequency" value="paused" checked={s.frequency === 'paused'} label="Paused" />
      </fieldset>
      <fieldset>
        <legend>When and how much</legend>
        <label>
          At{' '}
          <select name="hour">
            {Array.from({ length: 24 }, (_, hour) => (
              <option value={String(hour)} selected={s.hour === hour}>{`${String(hour).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Time zone{' '}
          <select name="timeZone">
            {view.timeZones.map((zone) => (
              <option selected={s.timeZone === zone}>{zone}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          At most <input type="number" name="maxPapers" min="1" max={String(LIMITS.maxPapers)} value={String(s.maxPapers)} /> papers
        </label>
      </fieldset>
      <fieldset>
        <legend>What goes in</legend>
        <label>
          Trending{' '}
          <select name="trending">
            <option value="off" selected={s.trending === 'off'}>
              off
            </option>
            <option value="day" selected={s.trending === 'day'}>
              today
            </option>
            <option value="week" selected={s.trending === 'week'}>
              this week
            </option>
          </select>
        </label>
        <Check name="alertsOn" checked={s.alertsOn} label="New papers matching my alerts (saved searches)" />
        <Check name="authorsOn" checked={s.authorsOn} label="New papers by authors I follow" />
        <Check name="categoriesOn" checked={s.categoriesOn} label="New papers in categories I follow" />
        <Check name="forYouOn" checked={s.forYouOn} label="New papers like the ones I saved and voted for (For you)" />
      </fieldset>
      <fieldset>
        <legend>A day with nothing new</legend>
        <Radio name="quiet" value="skip" checked={s.quiet === 'skip'} label="Send nothing" />
        <Radio name="quiet" value="note" checked={s.quiet === 'note'} label="Send one line saying why" />
      </fieldset>
      <button type="submit">Save</button>
    </form>
  );
}

const KIND_LABELS: Record<Follow['kind'], string> = { search: 'Alert', author: 'Author', category: 'Category' };

function FollowList({ follows, action }: { follows: Follow[]; action: string }) {
  return (
    <section aria-labelledby="follows-heading">
      <h2 id="follows-heading">What you follow</h2>
      {follows.length ? (
        <ul>
          {follows.map((follow) => (
            <li>
              {KIND_LABELS[follow.kind]}: {follow.value}{' '}
              <form class="inline" method="post" action={`${action}/unfollow`}>
                <FormGuard />
                <input type="hidden" name="kind" value={follow.kind} />
                <input type="hidden" name="value" value={follow.value} />
                <button type="submit">Unfollow</button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">
          Nothing yet. Follow an author or a category from a paper's page, or save a search as an alert from the search page.
        </p>
      )}
    </section>
  );
}

function Radio(props: { name: string; value: string; checked: boolean; label: string }) {
  return (
    <label class="check">
      <input type="radio" name={props.name} value={props.value} checked={props.checked} /> {props.label}
    </label>
  );
}

function Check(props: { name: string; checked: boolean; label: string }) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} checked={props.checked} /> {props.label}
    </label>
  );
}

export function UnsubscribePage({ token, preferencesHref }: { token: string; preferencesHref: string }) {
  const viewer = useViewer();
  return (
    <Layout title="Unsubscribe" section={null} statusLine={null}>
      <h1>Unsubscribe from the digest</h1>
      <form method="post" action={`/unsubscribe/${token}`}>
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <button type="submit">Unsubscribe</button>
      </form>
      <p class="muted">
        Or <a href={preferencesHref}>change what you get</a> instead.
      </p>
    </Layout>
  );
}

export function UnsubscribedPage() {
  return (
    <Layout title="Unsubscribed" section={null} statusLine={null}>
      <h1>Unsubscribed</h1>
      <p class="notice" role="status">
        You will get no more digests. Your account, library and follows stay; subscribe again from the home page whenever you like.
      </p>
    </Layout>
  );
}

const FOLLOW_LABELS: Record<Follow['kind'], (value: string) => string> = {
  search: () => 'Email me new papers matching this search',
  author: (name) => `Follow ${name}`,
  category: (category) => `Follow ${category}`,
};

/** Follow (or unfollow) what a page is about; signed out, it leads through sign-in. */
export function FollowButton({ follow, following }: { follow: Follow; following: boolean }) {
  return (
    <form class="inline follow" method="post" action="/follows">
      <FormGuard />
      <input type="hidden" name="kind" value={follow.kind} />
      <input type="hidden" name="value" value={follow.value} />
      {following ? <input type="hidden" name="unfollow" value="1" /> : null}
      <button type="submit" aria-pressed={following ? 'true' : 'false'}>
        {following ? `✓ Following (unfollow)` : FOLLOW_LABELS[follow.kind](follow.value)}
      </button>
    </form>
  );
}
