// Sign-in pages: ask for a link, "check your mail", the link's own page (a
// button, so that mail scanners opening links cannot use them up), and the
// account page with signing out.
import { Layout } from './layout.tsx';
import { FormGuard, useViewer } from './viewer.tsx';
import { SIGN_IN } from '../../accounts/accounts.ts';
import { intentText, type SignInIntent } from '../../domain/sign-in-intent.ts';
import { SubscribeBox } from './digest.tsx';
import { paperPath } from '../paths.ts';
import { texToHtml } from '../../domain/tex.ts';
import { raw } from 'hono/html';
import type { ComposedDigest } from '../../domain/digest-selection.ts';

/** What a signed-out reader asked for, with the paper's title, to say why they sign in. */
export interface SignInReason extends SignInIntent {
  title: string;
}

const REASONS = {
  vote: (title: string) => `Sign in to vote for “${title}”. Your vote counts as soon as you follow the link we send.`,
  save: (title: string) => `Sign in to save “${title}”. It goes to your reading list as soon as you follow the link we send.`,
};

export function SignInPage({ next, reason }: { next: string; reason: SignInReason | null }) {
  const viewer = useViewer();
  return (
    <Layout title="Sign in" section={null} statusLine={null}>
      <h1>Sign in</h1>
      {reason ? (
        <p class="notice" role="status">
          {REASONS[reason.action](reason.title)}
        </p>
      ) : null}
      <p>No password: we send you a link that signs you in. Your first sign-in makes your account.</p>
      <form method="post" action="/signin">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <input type="hidden" name="next" value={next} />
        {reason ? <input type="hidden" name="intent" value={intentText(reason)} /> : null}
        <label>
          E-mail address <input type="email" name="email" required autocomplete="email" />
        </label>{' '}
        <button type="submit">Send me a link</button>
      </form>
    </Layout>
  );
}

export function LinkSentPage({ email, reason }: { email: string; reason: SignInReason | null }) {
  return (
    <Layout title="Check your mail" section={null} statusLine={null}>
      <h1>Check your mail</h1>
      <p class="notice" role="status">
        A sign-in link is on its way to {email}. It works once, for {SIGN_IN.linkMinutes} minutes.
        {reason ? ` Following it ${reason.action === 'vote' ? 'counts your vote for' : 'saves'} “${reason.title}”.` : ''}
      </p>
    </Layout>
  );
}

export function SignInLinkPage({ token }: { token: string }) {
  const viewer = useViewer();
  return (
    <Layout title="Sign in" section={null} statusLine={null}>
      <h1>Sign in</h1>
      <form method="post" action="/signin/link">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">Sign in to paperboy</button>
      </form>
    </Layout>
  );
}

export interface AccountView {
  /** Whether the reader gets the digest; with its next edition as a preview when they do. */
  subscribed: boolean;
  delivers: boolean;
  preview: ComposedDigest | null;
  /** The reader's private feed of recommendations (a secret URL). */
  feedUrl: string;
}

/** The feed's secret URL, to copy into a feed reader, and a way to make a new one when it leaked. */
function PrivateFeed({ url }: { url: string }) {
  return (
    <section aria-labelledby="feed-heading" id="feed">
      <h2 id="feed-heading">Your recommendations as a feed</h2>
      <p>
        <a href="/for-you">New papers for you</a> as an Atom feed, for a feed reader. The address is secret: whoever has it sees your
        recommendations.
      </p>
      <p>
        <label for="feed-url">Feed address</label> <input id="feed-url" class="wide" readonly value={url} />
      </p>
      <form method="post" action="/account/feed/reset">
        <FormGuard anchor="feed" />
        <button type="submit">Make a new address</button> <span class="muted">(the old one stops working)</span>
      </form>
    </section>
  );
}

export function AccountPage({ view }: { view: AccountView }) {
  const viewer = useViewer();
  return (
    <Layout title="Account" section="account" statusLine={null}>
      <h1>Account</h1>
      <p>Signed in as {viewer.email}.</p>
      <p>
        <a href="/library">Your library</a>: your reading list and collections.
      </p>
      <section aria-labelledby="digest-heading">
        <h2 id="digest-heading">Your digest</h2>
        {view.subscribed ? (
          <p>
            You get the digest. <a href="/digest/preferences">Preferences</a>: what goes in, how often and when; what you follow.
          </p>
        ) : (
          <SubscribeBox delivers={view.delivers} subscribed={false} />
        )}
        {view.preview ? <DigestPreview digest={view.preview} /> : null}
      </section>
      <PrivateFeed url={view.feedUrl} />
      <form class="inline" method="post" action="/signout">
        <FormGuard />
        <button type="submit">Sign out</button>
      </form>{' '}
      <form class="inline" method="post" action="/signout/everywhere">
        <FormGuard />
        <button type="submit">Sign out on every device</button>
      </form>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This deletes your account and everything attached to it: votes, library, digest, follows, and the record of what you were sent.
        </p>
        <form method="post" action="/account/delete">
          <FormGuard />
          <label>
            Type <kbd>delete</kbd> to confirm <input name="confirm" autocomplete="off" required pattern="delete" />
          </label>{' '}
          <button type="submit">Delete my account</button>
        </form>
      </section>
    </Layout>
  );
}

/** The papers the reader's next digest would hold today, with the reasons. */
function DigestPreview({ digest }: { digest: ComposedDigest }) {
  return (
    <>
      <h3>Your next digest ({digest.edition}), as it would be now</h3>
      {digest.quietNote ? <p class="muted">{digest.quietNote}</p> : null}
      {digest.sections.map((section) => (
        <>
          <h4>{section.title}</h4>
          <ul>
            {section.items.map((item) => (
              <li>
                <a href={paperPath(item.paper.id)}>{raw(texToHtml(item.paper.title))}</a>{' '}
                <span class="muted">({item.reasons.join(' · ')})</span>
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}
