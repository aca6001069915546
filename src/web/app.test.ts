import { beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './app.ts';
import { createWebTestApp, html, linkedPaperIds } from '../../test/web-helpers.ts';
import { SECURITY_HEADERS } from './app.ts';
import { WebClient } from '../../test/web-client.ts';

let app: WebApp;
beforeAll(async () => {
  ({ app } = await createWebTestApp());
});

describe('home page', () => {
  it('lists trending papers by score, with one vote count, code stars and window tabs', async () => {
    const page = await html(app, '/');
    const trending = linkedPaperIds(page);
    expect(trending[0]).toBe('2608.19880');
    expect(trending).not.toContain('2608.19863'); // one upvote, one star: below the minimum evidence
    expect(page).toContain('▲ 163 votes</a><span class="vote-parts"> (0 here, 163 on Hugging Face)</span>');
    expect(page).toContain('<span class="sr-only">Vote for “');
    expect(page).toMatch(/href="https:\/\/github.com\/[^"]+" rel="noopener">code ★ 8</);
    expect(page).toContain('<a href="/?window=week">This week</a>');
    expect((await app.request('/?window=year')).status).toBe(400);
  });

  it('links to the latest day, and keeps old day links working', async () => {
    const page = await html(app, '/');
    expect(page).toMatch(/<a href="\/daily\/2026-08-20">Papers of Thursday, 20 August 2026: \d+ papers →<\/a>/);
    expect(page).not.toContain('id="daily-heading"');
    const old = await app.request('/?date=2026-08-19');
    expect([old.status, old.headers.get('location')]).toEqual([301, '/daily/2026-08-19']);
    const latest = await app.request('/daily');
    expect(latest.headers.get('location')).toBe('/daily/2026-08-20');
    expect((await app.request('/daily?date=2026-08-19')).headers.get('location')).toBe('/daily/2026-08-19');
  });

  it('pages the trending list', async () => {
    const { app: paged } = await createWebTestApp({}, { pageSizes: { trending: 6 } });
    const month = await html(paged, '/?window=month');
    const total = Number(/(\d+) trending papers/.exec(month)![1]);
    expect(total).toBeGreaterThan(12);
    const next = /href="(\/\?window=month&amp;cursor=[^"]+)">Next 6 →/.exec(month)![1]!;
    const second = await html(paged, next.replaceAll('&amp;', '&'));
    expect(linkedPaperIds(second)).toHaveLength(6);
    expect(linkedPaperIds(second).some((id) => linkedPaperIds(month).includes(id))).toBe(false);
    expect(second).toContain('← Previous 6');
    expect(second).toContain('7–12 shown');
  });
});

describe('list view', () => {
  it('switches to the compact view (title, authors, counts) and remembers it', async () => {
    const client = new WebClient((path, init) => app.request(path, init));
    const full = await (await client.request('/daily/2026-08-20')).text();
    expect(full).toContain('<p class="excerpt">');
    const switched = await client.postForm('/view', { view: 'compact', next: '/daily/2026-08-20' });
    expect(switched.headers.get('location')).toBe('/daily/2026-08-20');
    for (const path of ['/daily/2026-08-20', '/', '/search?q=codecs']) {
      const compact = await (await client.request(path)).text();
      expect(compact, path).toContain('class="papers compact" start="1" data-cards');
      expect(compact, path).not.toContain('<p class="excerpt">');
      expect(compact, path).toMatch(/▲ \d+ votes?/);
      expect(compact, path).toContain('aria-pressed="true">Compact view');
    }
    await client.postForm('/view', { view: 'full' });
    expect(await (await client.request('/daily/2026-08-20')).text()).toContain('<p class="excerpt">');
  });
});

describe('daily page', () => {
  it('shows the day with its controls on top, ranked by the count shown, and walks to the days around it', async () => {
    const page = await html(app, '/daily/2026-08-20');
    expect(page).toContain('<h1 id="daily-heading">Papers of Thursday, 20 August 2026</h1>');
    expect(page.indexOf('rel="prev"')).toBeLessThan(page.indexOf('class="paper-title"'));
    expect(page).toContain('rel="prev" aria-keyshortcuts="ArrowLeft">← 2026-08-19');
    expect(page).not.toContain('rel="next"');
    expect(page).toContain('<div class="rank">#1 paper of the day</div>');
    const totals = [...page.matchAll(/▲ (\d+) votes?</g)].map((match) => Number(match[1]));
    expect(totals.length).toBeGreaterThan(3);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const before = await html(app, '/daily/2026-08-19');
    expect(linkedPaperIds(before)).toEqual(['2608.18580']);
    expect(before).toContain('rel="next" aria-keyshortcuts="ArrowRight">2026-08-20 →');
    expect(await html(app, '/daily/2026-08-16')).toContain('No papers here were published on Sunday, 16 August 2026.');
    expect(await html(app, '/daily/2026-08-15')).toContain(
      'No papers here were published on Saturday, 15 August 2026: arXiv does not announce new papers on Saturdays.',
    );
    const bad = await app.request('/daily/2026-02-30');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('&quot;2026-02-30&quot; is not a date like 2026-08-20');
  });
});

describe('search page', () => {
  it('shows highlighted results in a form that works without script', async () => {
    const page = await html(app, '/search?q=codecs');
    expect(page).toContain('<form class="search-page" action="/search" method="get" role="search" data-live="true">');
    expect(linkedPaperIds(page)).toEqual(expect.arrayContaining(['2601.00001', 'hep-th/9901001']));
    expect(page).toContain('<mark>codecs</mark>');
    expect(page).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Search “codecs” (Atom)" href="/search.atom?q=codecs"/>',
    );
  });

  it('serves the results alone for in-place updates', async () => {
    const fragment = await html(app, '/search?q=codecs&fragment=1');
    // The offer to follow the search comes first, then the list: both change as the query does.
    expect(fragment.startsWith('<div class="muted"><form class="inline follow"')).toBe(true);
    expect(fragment).toContain('<input type="hidden" name="value" value="codecs"/>');
    expect(fragment).toContain('<ol id="papers" tabindex="-1" class="papers"');
    expect(fragment).not.toContain('<html');
  });

  it('applies filters and sort, and pages with a cursor', async () => {
    expect(linkedPaperIds(await html(app, '/search?q=codecs&cat=hep-th'))).toEqual(['hep-th/9901001']);
    expect(linkedPaperIds(await html(app, '/search?q=codecs&after=2000-01-01'))).toEqual(['2601.00001']);
    expect((await app.request('/search?q=x&sort=stars')).status).toBe(400);
  });

  it('says how many papers match, and walks forward and back through pages in every order', async () => {
    const linkOf = (page: string, rel: string) =>
      new RegExp(`href="(/search\\?[^"]*)" rel="${rel}"`).exec(page)?.[1]?.replaceAll('&amp;', '&') ?? null;
    for (const query of ['?cat=cs&sort=newest&limit=3', '?q=model&limit=3', '?q=model&sort=trending&limit=3']) {
      const first = await html(app, `/search${query}`);
      const total = Number(/id="match-count">(\d+) papers match/.exec(first)![1]);
      expect(total, query).toBeGreaterThan(6);
      expect(linkOf(first, 'prev'), query).toBeNull();
      const second = await html(app, linkOf(first, 'next')!);
      const third = await html(app, linkOf(second, 'next')!);
      expect(second, query).toContain(`${total} papers match (a later page)`);
      expect(new Set([...linkedPaperIds(first), ...linkedPaperIds(second), ...linkedPaperIds(third)]).size, query).toBe(9);
      expect(linkedPaperIds(await html(app, linkOf(third, 'prev')!)), query).toEqual(linkedPaperIds(second));
      const back = linkOf(second, 'prev')!;
      expect(back, query).not.toContain('cursor=');
      expect(linkedPaperIds(await html(app, back)), query).toEqual(linkedPaperIds(first));
    }
  });

  it('completes a last word still being typed, in every order', async () => {
    for (const sort of ['relevance', 'newest', 'trending']) {
      const whole = linkedPaperIds(await html(app, `/search?q=benchmark&sort=${sort}`)).sort();
      const typed = await html(app, `/search?q=benchm&sort=${sort}`);
      expect(whole.length, sort).toBeGreaterThan(5);
      expect(linkedPaperIds(typed).sort(), sort).toEqual(whole);
      expect(typed, sort).toMatch(/<mark>benchmark<\/mark>/i);
      // Typed past its stem: papers say "learning", and the index holds the term "learn".
      const learning = linkedPaperIds(await html(app, `/search?q=learning&sort=${sort}`)).sort();
      expect(linkedPaperIds(await html(app, `/search?q=learnin&sort=${sort}`)).sort(), sort).toEqual(learning);
    }
    // A whole word is not read as the start of others.
    expect(linkedPaperIds(await html(app, '/search?q=codecs&sort=newest')).sort()).toEqual(['2601.00001', 'hep-th/9901001']);
  });

  it('says when the filters alone left nothing', async () => {
    const page = await html(app, '/search?q=codecs&cat=cs.AI');
    expect(page).toContain('<strong>0 papers in cs.AI; 2 without this filter.</strong>');
    expect(page).not.toContain('check the spelling');
    const two = await html(app, '/search?q=codecs&cat=cs.AI&code=1');
    expect(two).toContain('<strong>0 papers in cs.AI, with code; 2 without these filters.</strong>');
  });

  it('helps when nothing matches, and before anything is typed', async () => {
    const empty = await html(app, '/search?q=zzzqqq&code=1');
    expect(empty).toContain('No papers match “zzzqqq”');
    expect(empty).toContain('<a href="/search?q=zzzqqq">Search again without filters</a>');
    expect(await html(app, '/search')).toContain('<code>author:&quot;Hinton&quot;</code>');
  });

  it('goes straight to a paper named by its arXiv id', async () => {
    const response = await app.request('/search?q=arXiv:2608.19880v1');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/papers/2608.19880');
    expect(linkedPaperIds(await html(app, '/search?q=2608.19880&fragment=1'))).toEqual(['2608.19880']);
  });
});

describe('paper page', () => {
  it('shows the paper with rendered math, links, BibTeX and similar papers', async () => {
    const page = await html(app, '/papers/2601.00001');
    expect(page).toContain('<span class="math">α<sub>t</sub> ≤ 1/2</span>');
    expect(page).toContain('<p class="abstract">A second paragraph about codecs.</p>');
    expect(page).toContain('href="https://arxiv.org/pdf/2601.00001"');
    expect(page).toMatch(
      /<dt>Published<\/dt><dd><time datetime="2026-01-05[^"]*">2026-01-05<\/time><\/dd><dt>Updated<\/dt><dd><time datetime="2026-02-10[^"]*">2026-02-10<\/time>/,
    );
    expect(page).toContain('<link rel="canonical" href="http://localhost/papers/2601.00001"/>');
    const bibtex = /<textarea id="bibtex" readonly="" rows="(\d+)">(@misc\{lovelace2026bounds,[^<]*)<\/textarea>/.exec(page)!;
    expect(Number(bibtex[1])).toBeGreaterThan(bibtex[2]!.split('\n').length);
    expect(page).toContain('<button type="button" data-copy="bibtex" hidden="">Copy BibTeX</button>');
    expect(linkedPaperIds(page.slice(page.indexOf('id="similar-heading"')))).toContain('hep-th/9901001');
  });

  it('puts the actions in one row under the title: vote, PDF, arXiv, code with stars, project page, save, cite', async () => {
    const page = await html(app, '/papers/2608.19880');
    const row = /<div class="actions" role="group" aria-label="Actions">([\s\S]*?)<\/div>/.exec(page)![1]!;
    expect(page.indexOf('class="actions"')).toBeLessThan(page.indexOf('id="abstract-heading"'));
    const labels = [...row.matchAll(/<a [^>]*>([^<]+)</g)].map((match) => match[1]);
    expect(labels).toEqual(['PDF', 'arXiv', expect.stringMatching(/^code ★ \d/), 'Project page', 'Save', 'Cite']);
    expect(row).toContain('▲ 163 votes');
    expect(page).toContain(
      '<dt>Discussion</dt><dd><a href="https://huggingface.co/papers/2608.19880#community" rel="noopener">1 comment on Hugging Face</a>',
    );
    // Signed out, Vote and Save lead to sign-in, carrying what was asked for and the way back.
    expect(row).toContain('<a class="button" href="/signin?next=%2Fpapers%2F2608.19880%23paper-2608.19880&amp;intent=vote%3A2608.19880"');
    expect(row).toContain('&amp;intent=save%3A2608.19880" title="Sign in to save" rel="nofollow">Save<span class="sr-only"> “');
  });

  it('keeps the slash of old-style ids and answers 404 for unknown ones', async () => {
    expect(await html(app, '/papers/hep-th/9901001')).toContain('An old-style paper about codecs');
    const missing = await app.request('/papers/2999.99999');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no paper 2999.99999 here.');
  });
});

describe('every page', () => {
  const PAGES = [
    '/',
    '/?window=month',
    '/daily/2026-08-20',
    '/search',
    '/search?q=codecs',
    '/papers/2601.00001',
    '/about',
    '/status',
    '/nope',
  ];

  it('escapes what users and upstream wrote', async () => {
    for (const path of [
      '/search?q=codecs',
      '/papers/2601.00001',
      '/daily/2026-01-05',
      `/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
    ]) {
      const page = await (await app.request(path)).text();
      expect(page, path).not.toMatch(/<script>alert|<svg/);
      if (!path.includes('script')) expect(page, path).toContain('&lt;svg/onload=alert(');
    }
  });

  it('sends a strict Content-Security-Policy and uses no inline script, style or outside resource', async () => {
    for (const path of PAGES) {
      const response = await app.request(path);
      expect(response.headers.get('content-security-policy'), path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      const page = await response.text();
      expect(page, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      expect(page, path).not.toMatch(/<(?:script|img|link rel="(?:stylesheet|icon)")[^>]+(?:src|href)="(?:https?:)?\/\//);
    }
    expect(SECURITY_HEADERS['Content-Security-Policy']).not.toContain('unsafe-inline');
  });

  it('stays under 30 KB of script and 30 KB of style', async () => {
    for (const path of PAGES) {
      const page = await (await app.request(path)).text();
      const assets = [...page.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((match) => match[1]!);
      const sizes = await Promise.all(assets.map(async (url) => [url, (await (await app.request(url)).arrayBuffer()).byteLength] as const));
      for (const [url, bytes] of sizes) expect(bytes, `${path} ${url}`).toBeLessThan(30_000);
      expect(sizes.length, path).toBe(2);
    }
  });

  it('answers If-None-Match with 304, and caches versioned static files for a year', async () => {
    const first = await app.request('/papers/2601.00001');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const again = await app.request('/papers/2601.00001', { headers: { 'If-None-Match': etag, Cookie: cookie } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const page = await first.text();
    const css = /href="(\/static\/app\.css\?v=[^"]+)"/.exec(page)![1]!;
    expect((await app.request(css)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/static/app.css?v=old')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('has landmarks, a skip link and labelled inputs', async () => {
    for (const path of PAGES) {
      const page = await (await app.request(path)).text();
      expect(page, path).toMatch(/<html lang="en">/);
      expect(page, path).toContain('<a class="skip" href="#main">');
      expect(page, path).toMatch(/<main id="main"/);
      expect(page, path).toMatch(/<nav class="site" aria-label="Main">/);
      for (const input of page.matchAll(/<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>/g)) {
        const before = page.slice(0, input.index);
        const inLabel = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
        const labelledById = /id="([^"]+)"/.exec(input[0])?.[1];
        const labelled =
          input[0].includes('aria-label=') || inLabel || (labelledById !== undefined && page.includes(`for="${labelledById}"`));
        expect(labelled, `${path} ${input[0]}`).toBe(true);
      }
    }
  });
});
