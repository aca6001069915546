// The digest feature every front end calls: a reader's terms and follows (by
// their session, or by the signed link in every digest), one-click
// unsubscribe, the digest as a page, previews, and editions run now or when
// due. The rules of composing and sending live in compose.ts and send.ts.
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { emailKey, type Account, type Viewer } from '../domain/viewer.ts';
import type { DigestStore } from '../db/digest-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { digestPage, type DigestLinks } from '../mail/digest-mail.ts';
import { isSignedFor, readLink, signLink, type LinkPurpose } from '../domain/signed-links.ts';
import {
  checkedFollow,
  DEFAULT_PREFERENCES,
  LIMITS,
  preferencesFromForm,
  type Follow,
  type Subscription,
} from '../domain/digest-preferences.ts';
import { coveredSince, localDay, nextEdition } from '../domain/digest-schedule.ts';
import { checkedDay } from '../domain/days.ts';
import { SECTION_TITLES, type ComposedDigest, type SectionKind } from '../domain/digest-selection.ts';
import { createComposer, type ComposeDeps } from './compose.ts';
import { createSender, type EditionChoice, type SendReport } from './send.ts';

export interface DigestDeps extends Omit<ComposeDeps, 'store'> {
  store: DigestStore;
  accounts: { accountById(id: number): Promise<Account | null>; accountByEmail(email: string): Promise<Account | null> };
  mailer: Mailer;
  /** Signs the links in digests (SECRET_KEY). */
  secretKey: Buffer;
  publicUrl: string;
  log: Logger;
  leaseMs: number;
  holder: string;
  now?: () => number;
}

export interface ReaderTerms {
  account: Account;
  subscription: Subscription | null;
  follows: Follow[];
}

export function createDigest(deps: DigestDeps) {
  const now = deps.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const siteName = new URL(deps.publicUrl).host;
  const composer = createComposer(deps);
  const sign = (purpose: LinkPurpose, account: { id: number; email: string }, edition?: string) =>
    signLink(deps.secretKey, purpose, { accountId: account.id, email: account.email, edition });

  function linksOf(accountId: number, email: string, edition: string): DigestLinks {
    const account = { id: accountId, email };
    return {
      site: deps.publicUrl,
      siteName,
      view: `${deps.publicUrl}/digest/${sign('view', account, edition)}`,
      preferences: `${deps.publicUrl}/digest/preferences/${sign('preferences', account)}`,
      unsubscribe: `${deps.publicUrl}/unsubscribe/${sign('unsubscribe', account)}`,
    };
  }

  const sender = createSender({ ...deps, composer, linksOf, site: deps.publicUrl, now });

  /** The account a signed link acts for; refused when forged, for another purpose, or its account is gone. */
  async function accountOfLink(purpose: LinkPurpose, token: string): Promise<{ account: Account; edition: string | null }> {
    const read = readLink(token);
    const account = read ? await deps.accounts.accountById(read.accountId) : null;
    const subject = account && read ? { accountId: account.id, email: account.email, edition: read.edition ?? undefined } : null;
    if (!subject || !isSignedFor(deps.secretKey, purpose, token, subject))
      throw new AppError(
        'forbidden',
        'This link is not valid here: it may be cut short, or its account was deleted. Use the link in your latest digest.',
      );
    return { account: account!, edition: read!.edition };
  }

  async function termsOf(account: Account): Promise<ReaderTerms> {
    return { account, subscription: await deps.store.subscription(account.id), follows: await deps.store.follows(account.id) };
  }

  async function updateTerms(account: Account, form: Record<string, string | undefined>): Promise<ReaderTerms> {
    const preferences = preferencesFromForm(form);
    if (!(await deps.store.subscription(account.id))) throw new AppError('invalid', 'Subscribe first: there is no digest to set up yet.');
    await deps.store.updatePreferences(account.id, preferences, iso());
    return termsOf(account);
  }

  async function follow(viewer: Viewer, kind: string | undefined, value: string | undefined): Promise<Follow> {
    const wanted = checkedFollow(kind, value);
    if (!(await deps.store.follow(viewer.account.id, wanted, iso(), LIMITS.followsPerKind)))
      throw new AppError('conflict', `You follow ${LIMITS.followsPerKind} of these already: unfollow one first.`);
    return wanted;
  }

  /** What a reader's digest would hold for `date` (default: their next one); nothing is recorded. */
  async function preview(account: Account, date?: string): Promise<{ digest: ComposedDigest; mail: ReturnType<typeof sender.mailOf> }> {
    const terms = await termsOf(account);
    const subscription = terms.subscription ?? { ...defaultSubscription(account), state: 'active' as const };
    const edition = date ? checkedDay(date) : (nextEdition(subscription, now())?.edition ?? localDay(now(), subscription.timeZone));
    const previous = await deps.store.previousEdition(account.id, edition);
    const since = coveredSince(subscription.frequency, edition, previous);
    const digest = await composer.composeDigest({ subscription, follows: terms.follows, edition, since });
    return { digest, mail: sender.mailOf(digest) };
  }

  /** A sent digest as a page, from the signed link in it. */
  async function viewPage(token: string): Promise<string> {
    const { account, edition } = await accountOfLink('view', token);
    const record = edition ? await deps.store.digest(account.id, edition) : null;
    if (!record || record.status !== 'sent') throw new AppError('not_found', 'This digest was not sent, or its account was deleted.');
    const papers = new Map((await deps.mailCards(record.items.map((item) => item.paperId))).map((paper) => [paper.id, paper]));
    const sections = new Map<SectionKind, ComposedDigest['sections'][number]>();
    for (const item of record.items) {
      const kind = item.section as SectionKind;
      const paper = papers.get(item.paperId);
      if (!paper) continue;
      if (!sections.has(kind)) sections.set(kind, { kind, title: SECTION_TITLES[kind], items: [] });
      sections.get(kind)!.items.push({ paper, reasons: item.reason.split(' · ') });
    }
    const digest = { accountId: account.id, email: account.email, edition: record.edition, since: '', sections: [...sections.values()] };
    const quietNote = sections.size ? null : 'This digest said there was nothing new for you.';
    return digestPage({ ...digest, quietNote }, linksOf(account.id, account.email, record.edition), (paperId, error) =>
      deps.log.error({ err: error, accountId: account.id, paperId }, 'a paper could not be rendered; the page goes without it'),
    );
  }

  /** Starts a run for the due (or chosen) readers and sends every pending digest; a dry run only lists who is due. */
  async function runEdition(choice: EditionChoice & { dryRun?: boolean; onProgress?: (report: SendReport) => void } = {}) {
    if (choice.dryRun) return { dryRun: true as const, due: await sender.dueDigests(choice) };
    return { dryRun: false as const, ...(await sendEdition(choice, choice.onProgress)) };
  }

  async function sendEdition(choice: EditionChoice = {}, onProgress?: (report: SendReport) => void) {
    const run = await sender.startRun(choice);
    return { run, report: await sender.sendPending(onProgress) };
  }

  /** Readers and digests by state, and the last run, for the status feature. */
  async function digestStatus(waiting: number) {
    const counts = await deps.store.counts();
    const run = await deps.store.lastRun();
    return {
      delivers: deps.mailer.delivers,
      waiting,
      confirmed: counts.active,
      unsubscribed: counts.unsubscribed,
      suspended: counts.suspended,
      sent: counts.sent,
      failed: counts.failed,
      skipped: counts.skipped,
      pending: counts.pending,
      lastRun: run && {
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        audience: run.audience,
        sent: run.sent,
        failed: run.failed,
        skipped: run.skipped,
        pending: run.pending,
      },
    };
  }

  return {
    linksOf,
    /** A signed-in reader's terms and follows. */
    termsOf: (viewer: Viewer) => termsOf(viewer.account),
    /** Whether the reader gets digests (a paused one still counts: it is theirs to resume). */
    isSubscribed: async (viewer: Viewer | null) =>
      viewer ? (await deps.store.subscription(viewer.account.id))?.state === 'active' : false,
    termsByLink: async (token: string) => termsOf((await accountOfLink('preferences', token)).account),
    updateTerms: (viewer: Viewer, form: Record<string, string | undefined>) => updateTerms(viewer.account, form),
    updateTermsByLink: async (token: string, form: Record<string, string | undefined>) =>
      updateTerms((await accountOfLink('preferences', token)).account, form),
    follow,
    unfollow: (viewer: Viewer, kind: string | undefined, value: string | undefined) =>
      deps.store.unfollow(viewer.account.id, checkedFollow(kind, value)),
    unfollowByLink: async (token: string, kind: string | undefined, value: string | undefined) =>
      deps.store.unfollow((await accountOfLink('preferences', token)).account.id, checkedFollow(kind, value)),
    /** One-click unsubscribe from the link in a digest; true when it was on. Unsubscribing twice is harmless. */
    unsubscribeByLink: async (token: string) =>
      deps.store.setState((await accountOfLink('unsubscribe', token)).account.id, 'unsubscribed', iso()),
    unsubscribe: (viewer: Viewer) => deps.store.setState(viewer.account.id, 'unsubscribed', iso()),
    /** The preferences link of the reader an unsubscribe link is for (checked, not used: the page a GET shows). */
    preferencesLinkOf: async (unsubscribeToken: string) => {
      const { account } = await accountOfLink('unsubscribe', unsubscribeToken);
      return linksOf(account.id, account.email, '').preferences;
    },
    /** Whether digests go out (false: no SMTP server, mails would only be logged). */
    delivers: deps.mailer.delivers,
    preview,
    previewFor: async (email: string, date?: string) => {
      const account = await deps.accounts.accountByEmail(emailKey(email));
      if (!account) throw new AppError('not_found', `No reader has the address ${email.slice(0, 100)}.`);
      return preview(account, date);
    },
    accountByEmail: deps.accounts.accountByEmail,
    viewPage,
    runEdition,
    /** The scheduled job: a run for whoever is due now, then every pending digest (retries included). */
    runDue: () => sendEdition(),
    digestStatus,
  };
}

function defaultSubscription(account: Account): Omit<Subscription, 'state'> {
  return { ...DEFAULT_PREFERENCES, accountId: account.id, email: account.email, createdAt: account.createdAt };
}

export type Digest = ReturnType<typeof createDigest>;
