import { describe, expect, it } from 'vitest';
import { checkedFollow, followOfSearch, preferencesFromForm } from './digest-preferences.ts';

const form = {
  frequency: 'weekly',
  weekday: '5',
  hour: '18',
  timeZone: 'europe/berlin',
  maxPapers: '12',
  trending: 'week',
  alertsOn: 'on',
  forYouOn: 'on',
  quiet: 'note',
};

describe('digest preferences from a form', () => {
  it('reads every field, a missing box as off, and a time zone as IANA spells it', async () => {
    expect(preferencesFromForm(form)).toEqual({
      frequency: 'weekly',
      weekday: 5,
      hour: 18,
      timeZone: 'Europe/Berlin',
      maxPapers: 12,
      trending: 'week',
      alertsOn: true,
      authorsOn: false,
      categoriesOn: false,
      forYouOn: true,
      quiet: 'note',
    });
  });

  it.each([
    [{ frequency: 'hourly' }, 'frequency must be one of daily, weekly, paused'],
    [{ hour: '24' }, 'hour must be a whole number from 0 to 23'],
    [{ hour: '7.5' }, 'hour must be a whole number from 0 to 23'],
    [{ maxPapers: '0' }, 'maxPapers must be a whole number from 1 to 50'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'is not a time zone'],
    [{ trending: 'month' }, 'trending must be one of off, day, week'],
  ])('refuses %j', (change, message) => {
    expect(() => preferencesFromForm({ ...form, ...change })).toThrow(message);
  });
});

describe('follows', () => {
  it('checks and normalises what is followed', async () => {
    expect(checkedFollow('category', 'cs.sd')).toEqual({ kind: 'category', value: 'cs.SD' });
    expect(checkedFollow('author', '  Ada   Lovelace ')).toEqual({ kind: 'author', value: 'Ada Lovelace' });
    expect(() => checkedFollow('category', 'not a category')).toThrow('is not a category');
    expect(() => checkedFollow('search', '2401.00001')).toThrow('names one paper');
    expect(() => checkedFollow('planet', 'x')).toThrow('kind must be one of');
    expect(() => checkedFollow('search', 'x'.repeat(201))).toThrow('longer than 200');
  });

  it('offers the author, the category or the search itself on a search page', async () => {
    expect(followOfSearch('author:"Ada Lovelace"')).toEqual({ kind: 'author', value: 'Ada Lovelace' });
    expect(followOfSearch('cat:cs.SD')).toEqual({ kind: 'category', value: 'cs.SD' });
    expect(followOfSearch('', 'cs.CL')).toEqual({ kind: 'category', value: 'cs.CL' });
    expect(followOfSearch('neural audio codec', 'cs.SD')).toEqual({ kind: 'search', value: 'neural audio codec cat:cs.SD' });
    expect(followOfSearch('2401.00001')).toBeNull();
    expect(followOfSearch('')).toBeNull();
  });
});

describe('any form', () => {
  it('gives checked preferences or an "invalid" error, never anything else', async () => {
    const fc = (await import('fast-check')).default;
    const field = fc.option(
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('daily', 'weekly', 'paused', '7', 'UTC', 'on', 'skip', 'day')),
      {
        nil: undefined,
      },
    );
    const keys = ['frequency', 'weekday', 'hour', 'timeZone', 'maxPapers', 'trending', 'alertsOn', 'quiet'] as const;
    fc.assert(
      fc.property(fc.record(Object.fromEntries(keys.map((key) => [key, field])) as Record<(typeof keys)[number], typeof field>), (form) => {
        try {
          const preferences = preferencesFromForm(form);
          expect(preferences.hour).toBeGreaterThanOrEqual(0);
          expect(preferences.hour).toBeLessThanOrEqual(23);
          expect(preferences.maxPapers).toBeGreaterThanOrEqual(1);
        } catch (error) {
          expect((error as { kind?: string }).kind).toBe('invalid');
        }
      }),
    );
  });
});
