// Sending an edition so that nothing is lost and nothing doubled. A run fixes
// its audience first (one pending row per due reader and edition, unique).
// Senders lease small batches of pending digests; before each mail the lease
// is renewed, and a digest is marked sent only after the server's 250 reply,
// in the same transaction as the papers it carried. A crash leaves the rows
// pending: when the lease expires another process sends them, with the same
// Message-ID, so the one copy that can double (in flight at the crash) folds.
import type { Logger } from '../log.ts';
import type { ClaimedDigest, DigestStore, DueDigest } from '../db/digest-store.ts';
import { deliveryFailure, type Mail, type Mailer } from '../mail/mailer.ts';
import { digestMail, digestMessageId, type DigestLinks } from '../mail/digest-mail.ts';
import { coveredSince, isDigestDay, latestEdition, localDay } from '../domain/digest-schedule.ts';
import type { Subscription } from '../domain/digest-preferences.ts';
import { paperCount, type ComposedDigest } from '../domain/digest-selection.ts';
import type { CandidateMemo, Composer } from './compose.ts';

export const SENDING = {
  /** Digests leased at once by one sender. */
  batch: 16,
  /** Mails in flight at once. */
  concurrency: 12,
  /** Tries of a digest the server refused for now (4xx, no connection) before it counts as failed. */
  attempts: 5,
  /** Wait before the next try, by tries so far. */
  backoffMs: [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000],
  /** Hard bounces in a row that suspend an address. */
  bouncesToSuspend: 3,
};

export interface SenderDeps {
  store: DigestStore;
  composer: Composer;
  mailer: Mailer;
  linksOf: (accountId: number, email: string, edition: string) => DigestLinks;
  site: string;
  log: Logger;
  leaseMs: number;
  holder: string;
  now: () => number;
}

export interface EditionChoice {
  /** Only this reader, even when not due (an operator's "send now"). */
  accountId?: number;
  /** The edition of this local date for readers whose schedule includes it, whatever the hour. */
  date?: string;
}

export interface SendReport {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  /** Median time to compose one digest, in milliseconds (null when none was composed). */
  composeMsP50: number | null;
}

type Outcome = 'sent' | 'skipped' | 'failed' | 'retrying';

export function createSender(deps: SenderDeps) {
  const iso = (offsetMs = 0) => new Date(deps.now() + offsetMs).toISOString();

  /** The readers due (or chosen), each with the edition and days their digest covers; nothing is written. */
  async function dueDigests(choice: EditionChoice = {}): Promise<(DueDigest & { subscription: Subscription })[]> {
    const now = deps.now();
    const due: (DueDigest & { subscription: Subscription })[] = [];
    for (const { subscription, lastEdition } of await deps.store.activeSubscriptions()) {
      if (choice.accountId !== undefined && subscription.accountId !== choice.accountId) continue;
      const edition = editionFor(subscription, now, choice);
      if (!edition || (lastEdition !== null && lastEdition >= edition)) continue;
      // The reader's latest edition is older than this one (or there is none): this digest goes on from there.
      due.push({
        subscription,
        accountId: subscription.accountId,
        edition,
        since: coveredSince(subscription.frequency, edition, lastEdition),
        messageId: digestMessageId(subscription.accountId, edition, deps.site),
      });
    }
    return due;
  }

  /** Fixes the audience of a run: a pending digest for each due reader. Returns the run, or null when nobody is due. */
  async function startRun(choice: EditionChoice = {}): Promise<{ runId: number; audience: number } | null> {
    const due = await dueDigests(choice);
    if (!due.length) return null;
    const run = await deps.store.startRun(iso(), due);
    deps.log.info({ run: run.runId, audience: run.audience }, 'digest run started');
    return run;
  }

  /** Sends pending digests until none is left to claim now; other processes may be sending beside it. */
  async function sendPending(onProgress: (report: SendReport) => void = () => {}): Promise<SendReport> {
    const report: SendReport = { sent: 0, skipped: 0, failed: 0, retrying: 0, composeMsP50: null };
    const memo: CandidateMemo = new Map();
    const composeMs: number[] = [];
    for (;;) {
      const claimedAt = deps.now();
      const batch = await deps.store.claim(deps.holder, iso(), iso(deps.leaseMs), SENDING.batch);
      if (!batch.length) break;
      await inParallel(batch, SENDING.concurrency, async (digest) => {
        const outcome = await deliver({ ...digest, claimedAt }, memo, composeMs);
        if (outcome !== 'lost') report[outcome]++;
        onProgress(report);
      });
    }
    // Runs are finished by what the store holds (no pending digest left), never by an empty claim.
    await deps.store.finishRuns(iso());
    report.composeMsP50 = median(composeMs);
    return report;
  }

  async function deliver(
    digest: ClaimedDigest & { claimedAt: number },
    memo: CandidateMemo,
    composeMs: number[],
  ): Promise<Outcome | 'lost'> {
    try {
      const subscription = await deps.store.subscription(digest.accountId);
      // Unsubscribed (or suspended) after the run began: nothing is sent, and that is no failure.
      if (subscription?.state !== 'active') {
        await deps.store.recordSent(digest, 'skipped', iso(), []);
        return 'skipped';
      }
      const started = performance.now();
      const composed = await deps.composer.composeDigest(
        { subscription, follows: await deps.store.follows(digest.accountId), edition: digest.edition, since: digest.since },
        memo,
      );
      composeMs.push(performance.now() - started);
      if (!paperCount(composed) && subscription.quiet === 'skip') {
        await deps.store.recordSent(digest, 'skipped', iso(), []);
        return 'skipped';
      }
      const mail = { ...mailOf(composed), messageId: digest.messageId };
      if (!(await stillHeld(digest))) return 'lost';
      return await send(digest, mail, composed);
    } catch (error) {
      deps.log.error({ err: error, accountId: digest.accountId, edition: digest.edition }, 'digest could not be composed');
      return retryOrFail(digest, `could not compose: ${(error as Error).message}`);
    }
  }

  async function send(digest: ClaimedDigest, mail: Mail, composed: ComposedDigest): Promise<Outcome> {
    try {
      await deps.mailer.send(mail);
    } catch (error) {
      const failure = deliveryFailure(error);
      if (!failure.permanent) return retryOrFail(digest, failure.reason);
      await deps.store.fail(digest.id, failure.reason);
      const bounces = await deps.store.countHardBounce(digest.accountId);
      if (bounces >= SENDING.bouncesToSuspend) {
        await deps.store.setState(digest.accountId, 'suspended', iso());
        deps.log.warn({ accountId: digest.accountId, bounces }, 'address suspended after repeated hard bounces');
      }
      return 'failed';
    }
    const items = composed.sections.flatMap((section) => section.items.map((item) => ({ section: section.kind, item })));
    await deps.store.recordSent(
      digest,
      'sent',
      iso(),
      items.map(({ section, item }) => ({ paperId: item.paper.id, section, reason: item.reasons.join(' · ') })),
    );
    return 'sent';
  }

  /**
   * Whether this sender still holds the digest's lease, renewing it. In the first half of a lease
   * nobody else can have taken it, so only an older one is renewed in the store (a write saved per mail).
   */
  async function stillHeld(digest: ClaimedDigest & { claimedAt: number }): Promise<boolean> {
    if (deps.now() - digest.claimedAt < deps.leaseMs / 2) return true;
    return deps.store.renew(digest.id, deps.holder, iso(), iso(deps.leaseMs));
  }

  async function retryOrFail(digest: ClaimedDigest, reason: string): Promise<'retrying' | 'failed'> {
    if (digest.attempts + 1 >= SENDING.attempts) {
      await deps.store.fail(digest.id, reason);
      return 'failed';
    }
    await deps.store.retryLater(digest.id, iso(SENDING.backoffMs[digest.attempts] ?? SENDING.backoffMs.at(-1)!), reason);
    return 'retrying';
  }

  function mailOf(composed: ComposedDigest): Mail {
    return digestMail(composed, deps.linksOf(composed.accountId, composed.email, composed.edition), (paperId, error) =>
      deps.log.error({ err: error, accountId: composed.accountId, paperId }, 'a paper could not be rendered; the digest goes without it'),
    );
  }

  return { dueDigests, startRun, sendPending, mailOf };
}

/** The edition a reader is due (or chosen) for at `now`: null when none. */
function editionFor(subscription: Subscription, now: number, choice: EditionChoice): string | null {
  if (choice.date) return choice.accountId !== undefined || isDigestDay(subscription, choice.date) ? choice.date : null;
  if (choice.accountId !== undefined) return localDay(now, subscription.timeZone);
  const latest = latestEdition(subscription, now);
  // A reader's first digest is the first one due after they subscribed.
  return latest && latest.dueAt >= Date.parse(subscription.createdAt) ? latest.edition : null;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export type Sender = ReturnType<typeof createSender>;
