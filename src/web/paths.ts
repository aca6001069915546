// URLs of the app's own pages, built in one place so links and routes agree.
import { intentText, type SignInIntent } from '../domain/sign-in-intent.ts';

/** A paper's permanent address; old-style ids keep their slash ("/papers/hep-th/9901001"). */
export function paperPath(id: string): string {
  return `/papers/${encodeURIComponent(id).replaceAll('%2F', '/')}`;
}

export function searchPath(params: Record<string, string | undefined>): string {
  return withQuery('/search', params);
}

export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The page of one day's papers ("/daily/2026-08-20"), or of the latest day. */
export function dailyPath(day?: string, params: Record<string, string | undefined> = {}): string {
  return withQuery(day ? `/daily/${day}` : '/daily', params);
}

/** An author's page ("/authors/Ada%20Lovelace"). */
export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name)}`;
}

/** Sign-in that comes back to `next` (a path on this site) and then does what was asked (on every signed-out card: kept cheap). */
export function signInPath(next: string, intent: SignInIntent): string {
  return `/signin?next=${encodeURIComponent(next)}&intent=${encodeURIComponent(intentText(intent))}`;
}

/** A reader's private feed of recommendations: its secret token in the path. */
export function forYouFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/feeds/for-you/${token}.atom`;
}
