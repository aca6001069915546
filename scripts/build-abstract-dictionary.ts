// Rebuilds src/db/abstract-dictionary.txt, the preset dictionary that SQLite
// files deflate abstracts with (db/abstract-packing.ts): the words and word
// pairs of real arXiv abstracts that save most when found there, the best at
// the end (where deflate reaches them with the shortest distances). Built from
// the listing crawl's months before its last; then reports the sizes of that
// last month's abstracts and of the Kaggle snapshot sample, which it has not
// seen. The dictionary is part of the stored format: a new one needs a new
// format byte in abstract-packing.ts, or stored abstracts no longer read.
// Run: node --import tsx scripts/build-abstract-dictionary.ts [SHARED_DATA_DIR]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const DATA = process.argv[2] ?? new URL('../../shared/data', import.meta.url).pathname;
const OUT = new URL('../src/db/abstract-dictionary.txt', import.meta.url);
/** Bytes of the dictionary: 8 KB packs nearly as well as 32 KB and costs a third of the time per abstract. */
const SIZE = 8192;

function listingAbstracts(file: string): string[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
  return lines.map((line) => (JSON.parse(line) as { summary: string }).summary);
}

const dir = join(DATA, 'arxiv-cs-daily-listings');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.jsonl.gz'))
  .sort()
  .map((file) => join(dir, file));
const training = files.slice(0, -1).flatMap(listingAbstracts);

const saved = new Map<string, number>();
const count = (piece: string) => saved.set(piece, (saved.get(piece) ?? 0) + piece.length - 3);
for (const abstract of training) {
  const words = abstract.split(/\s+/).filter(Boolean);
  words.forEach((word, index) => {
    count(`${word} `);
    if (index + 1 < words.length) count(`${word} ${words[index + 1]} `);
  });
}
const best = [...saved].filter(([, gain]) => gain > 0).sort((a, b) => b[1] - a[1]);
const pieces: string[] = [];
let size = 0;
for (const [piece] of best) {
  const bytes = Buffer.byteLength(piece);
  if (size + bytes > SIZE) continue;
  pieces.push(piece);
  size += bytes;
}
writeFileSync(OUT, pieces.reverse().join(''));
console.log(`wrote ${size} bytes from ${training.length.toLocaleString('en')} abstracts`);

const { packAbstract } = await import('../src/db/abstract-packing.ts');
const report = (name: string, abstracts: string[]) => {
  const [plain, packed] = abstracts.reduce(
    ([plainBytes, packedBytes], abstract) => [
      plainBytes + Buffer.byteLength(abstract),
      packedBytes + Buffer.byteLength(packAbstract(abstract)),
    ],
    [0, 0],
  );
  console.log(
    `${name}: ${abstracts.length} abstracts, ${(plain / abstracts.length).toFixed(0)} → ${(packed / abstracts.length).toFixed(0)} bytes`,
  );
};
report(`unseen listing month (${files.at(-1)!.slice(-16, -9)})`, listingAbstracts(files.at(-1)!));
const kaggle = readFileSync(join(DATA, 'arxiv-kaggle-snapshot-sample/arxiv-metadata-oai-snapshot.head200.jsonl'), 'utf8');
report(
  'Kaggle snapshot sample',
  kaggle
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { abstract: string }).abstract),
);
