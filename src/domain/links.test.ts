import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivLinks, classifyUrl, extractLinks, linksFromStore, mergeLinks, normalizeUrl, storedLinks } from './links.ts';

describe('normalizeUrl', () => {
  it.each([
    ['http://github.com/Foo/bar.git', 'https://github.com/Foo/bar'],
    ['https://www.github.com/foo/bar/', 'https://github.com/foo/bar'],
    ['https://github.com/foo/bar/tree/main/src', 'https://github.com/foo/bar'],
    ['https://gitlab.com/group/sub/project/-/blob/main/x.py', 'https://gitlab.com/group/sub/project'],
    ['github.com/foo/bar).', 'https://github.com/foo/bar'],
    ['https://example.org/page#section', 'https://example.org/page'],
    ['https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it('rejects what is not a URL', async () => {
    expect(normalizeUrl('https://')).toBeNull();
    expect(normalizeUrl('localhost/x')).toBeNull();
  });
});

describe('classifyUrl', () => {
  it('sorts code hosts, project pages and venue links', async () => {
    expect(classifyUrl('https://codeberg.org/u/r')).toEqual({ kind: 'code', url: 'https://codeberg.org/u/r' });
    expect(classifyUrl('https://bitbucket.org/u/r')).toEqual({ kind: 'code', url: 'https://bitbucket.org/u/r' });
    expect(classifyUrl('https://huggingface.co/datasets/org/data')).toEqual({
      kind: 'code',
      url: 'https://huggingface.co/datasets/org/data',
    });
    expect(classifyUrl('https://huggingface.co/papers/2401.00001')).toBeNull();
    expect(classifyUrl('https://github.com/foo')).toBeNull();
    expect(classifyUrl('https://my-project.github.io/')).toEqual({ kind: 'project', url: 'https://my-project.github.io' });
    expect(classifyUrl('http://arxiv.org/abs/1234.5678')).toBeNull();
    expect(classifyUrl('https://doi.org/10.1/x')).toBeNull();
    expect(classifyUrl('https://example.org/slides.pdf')).toBeNull();
  });
});

describe('extractLinks', () => {
  it('finds each repository once however it is written, in text order', async () => {
    const text =
      'Code at https://github.com/acme/tool. Mirror: http://github.com/acme/tool.git (also github.com/acme/tool/). Project page: https://acme.dev/tool, see arXiv:2401.00001 and http://arxiv.org/abs/2401.00001.';
    expect(extractLinks(text)).toEqual([
      { kind: 'code', url: 'https://github.com/acme/tool' },
      { kind: 'project', url: 'https://acme.dev/tool' },
    ]);
  });

  it('returns nothing for text without links', async () => {
    expect(extractLinks('We prove a theorem about graphs.')).toEqual([]);
  });

  it('merges lists keeping the first of each URL', async () => {
    const a = [{ kind: 'pdf' as const, url: 'https://x.org/a' }];
    const b = [
      { kind: 'project' as const, url: 'https://x.org/a' },
      { kind: 'code' as const, url: 'https://github.com/a/b' },
    ];
    expect(mergeLinks(a, b)).toEqual([a[0], b[1]]);
  });
});

describe('stored links', () => {
  const extra = fc.array(
    fc.record({ kind: fc.constantFrom('code' as const, 'project' as const, 'doi' as const, 'abs' as const), url: fc.webUrl() }),
    { maxLength: 4 },
  );

  it('leave out the arXiv links an id gives, and read back as they were, rows stored before included', () => {
    fc.assert(
      fc.property(fc.constantFrom('2601.01234', 'hep-th/9901001', 'doi:10.1/x', 'hf:abc'), extra, (id, others) => {
        const links = [...arxivLinks(id), ...others];
        const stored = storedLinks(id, links);
        expect(stored).toHaveLength(others.length);
        expect(linksFromStore(id, stored)).toEqual(links);
        expect(linksFromStore(id, links)).toEqual(links);
      }),
    );
    expect(arxivLinks('2601.01234').map((link) => link.url)).toEqual([
      'https://arxiv.org/abs/2601.01234',
      'https://arxiv.org/pdf/2601.01234',
    ]);
    expect(arxivLinks('doi:10.1/x')).toEqual([]);
  });
});
