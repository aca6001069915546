// A reader's digest terms and what they follow, with the checks every front
// end shares: a form field out of range is refused with a clear message and
// nothing is saved.
import { AppError } from '../errors.ts';
import { canonicalTimeZone, FREQUENCIES, type Frequency, type Schedule } from './digest-schedule.ts';
import { parseQuery } from './query.ts';

export type TrendingChoice = 'off' | 'day' | 'week';
export type QuietChoice = 'skip' | 'note';
export type SubscriptionState = 'active' | 'unsubscribed' | 'suspended';
export type FollowKind = 'category' | 'author' | 'search';

export interface Preferences extends Schedule {
  maxPapers: number;
  trending: TrendingChoice;
  categoriesOn: boolean;
  authorsOn: boolean;
  alertsOn: boolean;
  forYouOn: boolean;
  quiet: QuietChoice;
}

export interface Subscription extends Preferences {
  accountId: number;
  email: string;
  state: SubscriptionState;
  createdAt: string;
}

export interface Follow {
  kind: FollowKind;
  value: string;
}

export const DEFAULT_PREFERENCES: Preferences = {
  frequency: 'daily',
  weekday: 1,
  hour: 7,
  timeZone: 'UTC',
  maxPapers: 10,
  trending: 'day',
  categoriesOn: true,
  authorsOn: true,
  alertsOn: true,
  forYouOn: true,
  quiet: 'skip',
};

export const LIMITS = { maxPapers: 50, followsPerKind: 50, followLength: 200 };

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Preferences from form fields (strings; an unticked box is absent), each checked. */
export function preferencesFromForm(form: Record<string, string | undefined>): Preferences {
  return {
    frequency: oneOf('frequency', form.frequency, FREQUENCIES) as Frequency,
    weekday: wholeNumber('weekday', form.weekday, 0, 6),
    hour: wholeNumber('hour', form.hour, 0, 23),
    timeZone: timeZone(form.timeZone),
    maxPapers: wholeNumber('maxPapers', form.maxPapers, 1, LIMITS.maxPapers),
    trending: oneOf('trending', form.trending, ['off', 'day', 'week']) as TrendingChoice,
    categoriesOn: form.categoriesOn === 'on',
    authorsOn: form.authorsOn === 'on',
    alertsOn: form.alertsOn === 'on',
    forYouOn: form.forYouOn === 'on',
    quiet: oneOf('quiet', form.quiet, ['skip', 'note']) as QuietChoice,
  };
}

/** A follow as typed or linked: a category like cs.SD, an author's name, or a search. */
export function checkedFollow(kind: string | undefined, raw: string | undefined): Follow {
  const followKind = oneOf('kind', kind, ['category', 'author', 'search']) as FollowKind;
  const value = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!value) throw new AppError('invalid', `Say which ${followKind} to follow.`);
  if (value.length > LIMITS.followLength)
    throw new AppError('invalid', `That ${followKind} is longer than ${LIMITS.followLength} characters.`);
  if (followKind === 'category' && !/^[a-z-]+(\.[a-z-]+)?$/i.test(value))
    throw new AppError('invalid', `"${value.slice(0, 40)}" is not a category like cs.SD.`);
  if (followKind === 'search' && parseQuery(value).arxivId)
    throw new AppError('invalid', 'That search names one paper; an alert needs words, authors or categories to watch for.');
  return { kind: followKind, value: followKind === 'category' ? normalCategory(value) : value };
}

/** cs.sd → cs.SD, as arXiv writes categories. */
function normalCategory(value: string): string {
  const [archive, group] = value.split('.');
  return group === undefined ? archive!.toLowerCase() : `${archive!.toLowerCase()}.${group.length <= 2 ? group.toUpperCase() : group}`;
}

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string {
  if (value === undefined || !allowed.includes(value))
    throw new AppError('invalid', `${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify((value ?? '').slice(0, 40))}.`);
  return value;
}

function wholeNumber(field: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(number) || number < min || number > max)
    throw new AppError(
      'invalid',
      `${field} must be a whole number from ${min} to ${max}, not ${JSON.stringify((value ?? '').slice(0, 40))}.`,
    );
  return number;
}

function timeZone(value: string | undefined): string {
  const zone = (value ?? '').trim();
  const canonical = canonicalTimeZone(zone);
  if (!canonical) throw new AppError('invalid', `"${zone.slice(0, 64)}" is not a time zone like Europe/Berlin or America/New_York.`);
  return canonical;
}

/**
 * What a search page offers to follow: the author of an author:"Name" search, the category of a
 * cat:cs.SD search (or of the category filter alone), or else the search itself as an alert.
 */
export function followOfSearch(text: string, categoryFilter = ''): Follow | null {
  const query = text.trim();
  const category = categoryFilter.trim();
  const single = (kind: FollowKind, value: string) => tryFollow(kind, value);
  if (!query) return category && !/[\s,]/.test(category) ? single('category', category) : null;
  if (!category) {
    const author = /^author:(?:"([^"]+)"?|([^\s"]+))$/i.exec(query);
    if (author) return single('author', author[1] ?? author[2]!);
    const cat = /^cat:(\S+)$/i.exec(query);
    if (cat) return single('category', cat[1]!);
  }
  const filters = category
    ? ` ${category
        .split(/[\s,]+/)
        .map((name) => `cat:${name}`)
        .join(' ')}`
    : '';
  return single('search', `${query}${filters}`);
}

function tryFollow(kind: FollowKind, value: string): Follow | null {
  try {
    return checkedFollow(kind, value);
  } catch {
    return null;
  }
}
