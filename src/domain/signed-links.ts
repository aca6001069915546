// Tokens in the links of a digest (preferences, unsubscribe, view in the
// browser) and of a reader's private feed: an HMAC-SHA256 with the hub's
// secret key over the purpose, the account id, its address and, for one
// digest, its edition, for a feed, the generation of its URL. A token works
// for that one purpose of that one reader: another purpose, another reader,
// the same id after the account was deleted and reused, or a feed URL that
// was reset fails the check.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'preferences' | 'unsubscribe' | 'view' | 'feed';

export interface LinkSubject {
  accountId: number;
  email: string;
  /** Only for "view": the edition the link shows. */
  edition?: string;
  /** Only for "feed": resetting the URL counts it up. */
  generation?: number;
}

const TOKEN = /^(\d{1,15})(?:\.(\d{4}-\d{2}-\d{2}))?\.([\w-]{43})$/;

export function signLink(key: Buffer, purpose: LinkPurpose, subject: LinkSubject): string {
  const edition = subject.edition ? `.${subject.edition}` : '';
  return `${subject.accountId}${edition}.${macOf(key, purpose, subject)}`;
}

/** The account id and edition a token names, before checking it (the caller looks up the address). */
export function readLink(token: string): { accountId: number; edition: string | null; mac: string } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  return { accountId: Number(match[1]), edition: match[2] ?? null, mac: match[3]! };
}

/** Whether `token` was signed for this purpose and subject with `key`; compared in constant time. */
export function isSignedFor(key: Buffer, purpose: LinkPurpose, token: string, subject: LinkSubject): boolean {
  const read = readLink(token);
  if (!read || read.accountId !== subject.accountId || read.edition !== (subject.edition ?? null)) return false;
  const [given, expected] = [Buffer.from(read.mac), Buffer.from(macOf(key, purpose, subject))];
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function macOf(key: Buffer, purpose: LinkPurpose, subject: LinkSubject): string {
  return createHmac('sha256', key)
    .update(
      [
        'paperboy-link-v1',
        purpose,
        String(subject.accountId),
        subject.email,
        subject.edition ?? '',
        ...(subject.generation === undefined ? [] : [String(subject.generation)]),
      ].join('\n'),
    )
    .digest('base64url');
}
