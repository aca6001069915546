import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestMail, type DigestLinks } from './digest-mail.ts';
import type { ComposedDigest } from '../domain/digest-selection.ts';

const links: DigestLinks = {
  site: 'https://papers.example.org',
  siteName: 'papers.example.org',
  view: 'https://papers.example.org/digest/1.2026-08-20.x',
  preferences: 'https://papers.example.org/digest/preferences/1.x',
  unsubscribe: 'https://papers.example.org/unsubscribe/1.x',
};

function digestOf(papers: { title: string; abstract: string; authors: string[]; codeUrl: string | null }[]): ComposedDigest {
  return {
    accountId: 1,
    email: 'reader@example.org',
    edition: '2026-08-20',
    since: '2026-08-17',
    quietNote: null,
    sections: [
      {
        kind: 'alerts',
        title: 'Your alerts',
        items: papers.map((paper, n) => ({
          paper: { id: `2608.${10000 + n}`, ...paper },
          reasons: [`matches your alert “${paper.title.slice(0, 20)}”`],
        })),
      },
    ],
  };
}

describe('the digest mail', () => {
  it('escapes every field from outside and keeps hostile TeX bounded', async () => {
    const hostile = [
      {
        title: '$\\constructor$ <script>alert(1)</script>',
        abstract: '{'.repeat(40_000),
        authors: ['<img src=x onerror=alert(2)>'],
        codeUrl: 'javascript:alert(3)',
      },
      { title: '$'.repeat(10_001), abstract: '\\frac{'.repeat(5_000), authors: [], codeUrl: 'https://github.com/a/b' },
    ];
    const started = performance.now();
    const mail = digestMail(digestOf(hostile), links, () => undefined);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(mail.html).not.toMatch(/<script|<img|javascript:/i);
    expect(mail.html).toContain('&#60;script&#62;');
    expect(mail.text).toContain('Code: https://github.com/a/b');
    expect(mail.text).not.toContain('javascript:');
  });

  it('renders any papers without throwing, and never lets markup through', async () => {
    const paper = fc.record({
      title: fc.string({ maxLength: 300 }),
      abstract: fc.string({ maxLength: 2_000 }),
      authors: fc.array(fc.string({ maxLength: 60 }), { maxLength: 8 }),
      codeUrl: fc.option(fc.webUrl(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 5 }), (papers) => {
        const failures: string[] = [];
        const mail = digestMail(digestOf(papers), links, (id) => failures.push(id));
        expect(failures).toEqual([]);
        const body = mail.html.slice(mail.html.indexOf('<body') + 5);
        expect(
          body.match(/<\/?[a-z][a-z0-9]*/gi)?.filter((tag) => !/^<\/?(body|html|div|p|a|h1|h2|span|sup|sub)$/i.test(tag)) ?? [],
        ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
