// Sign-in pages: ask for a link, "check your mail", the link's own page (a
// button, so that mail scanners opening links cannot use them up), and the
// account page with signing out.
import { Layout } from './layout.tsx';
import { FormGuard, useViewer } from './viewer.tsx';
import { SIGN_IN } from '../../accounts/accounts.ts';

export function SignInPage({ next }: { next: string }) {
  const viewer = useViewer();
  return (
    <Layout title="Sign in" section={null} statusLine={null}>
      <h1>Sign in</h1>
      <p>No password: we send you a link that signs you in. Your first sign-in makes your account.</p>
      <form method="post" action="/signin">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        <input type="hidden" name="next" value={next} />
        <label>
          E-mail address <input type="email" name="email" required autocomplete="email" />
        </label>{' '}
        <button type="submit">Send me a link</button>
      </form>
    </Layout>
  );
}

export function LinkSentPage({ email }: { email: string }) {
  return (
    <Layout title="Check your mail" section={null} statusLine={null}>
      <h1>Check your mail</h1>
      <p class="notice" role="status">
        A sign-in link is on its way to {email}. It works once, for {SIGN_IN.linkMinutes} minutes.
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

export function AccountPage() {
  const viewer = useViewer();
  return (
    <Layout title="Account" section="account" statusLine={null}>
      <h1>Account</h1>
      <p>Signed in as {viewer.email}.</p>
      <p>
        <a href="/library">Your library</a>: your reading list and collections.
      </p>
      <form class="inline" method="post" action="/signout">
        <FormGuard />
        <button type="submit">Sign out</button>
      </form>{' '}
      <form class="inline" method="post" action="/signout/everywhere">
        <FormGuard />
        <button type="submit">Sign out on every device</button>
      </form>
    </Layout>
  );
}
