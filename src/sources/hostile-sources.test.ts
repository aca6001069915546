// Every upstream parser, fed random and hostile input (deep nesting, unclosed
// tags, entity bombs, repeated attributes, odd JSON): it answers with papers or
// located reasons, or one "invalid" error of bounded length; nothing else.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../errors.ts';
import { parseArxivAtom } from './arxiv-atom.ts';
import { parseOaiPage } from './oai-pmh.ts';
import { parseHfDaily } from './hf-daily.ts';
import { parseKaggleRecord } from './kaggle.ts';
import { parseGenericRecord } from './generic-jsonl.ts';
import { parseListingRecord } from './arxiv-listing.ts';

const ENTITY_BOMB = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${['b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => `<!ENTITY ${name} "${`&${'abcdef'[i]};`.repeat(10)}">`).join('')}]>`;
const HOSTILE_XML = [
  `<feed>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</feed>`,
  `<feed>${'<entry><title>'.repeat(50_000)}`,
  `${ENTITY_BOMB}<OAI-PMH><ListRecords><record><metadata>&g;&g;</metadata></record></ListRecords></OAI-PMH>`,
  `${ENTITY_BOMB}<feed><entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&g;</title></entry></feed>`,
  `<feed ${'a="1" '.repeat(50_000)}/>`,
  '<feed><entry><id>x</id><title><![CDATA[',
];
const xmlLike = fc
  .array(
    fc.constantFrom(
      '<feed>',
      '</feed>',
      '<entry>',
      '</entry>',
      '<title>',
      '</title>',
      '<id>http://arxiv.org/abs/2401.00001v2</id>',
      '<OAI-PMH>',
      '<ListRecords>',
      '<record>',
      '<header>',
      '<identifier>oai:arXiv.org:2401.00001</identifier>',
      '<metadata>',
      '&amp;',
      '&bogus;',
      '<![CDATA[x]]>',
      '<!--',
      '-->',
      'text',
      '"',
      '<a b="c">',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** Runs `parse`; only an "invalid" AppError with a short message may come out of it. */
function safely(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalid');
    expect((error as AppError).message.length).toBeLessThan(600);
  }
}

describe('upstream parsers on hostile input', () => {
  it('read any XML-like text as papers, reasons or one plain error', async () => {
    fc.assert(
      fc.property(fc.oneof(xmlLike, fc.string({ maxLength: 200 })), (xml) => {
        safely(() => parseArxivAtom(xml));
        safely(() => parseOaiPage(xml));
      }),
      { numRuns: 1000 },
    );
  });

  it('finish every hostile XML document, expanding no entity bomb', { timeout: 60_000 }, () => {
    for (const xml of HOSTILE_XML) {
      safely(() => parseArxivAtom(xml));
      safely(() => parseOaiPage(xml));
    }
    const page = (() => {
      try {
        return JSON.stringify(parseArxivAtom(HOSTILE_XML[3]!));
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(page.length).toBeLessThan(100_000);
  });

  it('read any JSON value as a paper or a reason', async () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        // A record that is not a paper throws a short reason, which the file reader reports at its line.
        for (const parse of [parseKaggleRecord, parseGenericRecord, parseListingRecord]) {
          try {
            parse(value);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message.length).toBeLessThan(600);
          }
        }
        safely(() => {
          for (const item of parseHfDaily(JSON.stringify(value), 'response')) expect('paper' in item || item.error.length < 600).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
    safely(() => parseHfDaily(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'deep'));
  });
});
