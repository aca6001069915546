// npm run bench:digest — one daily edition for READERS confirmed readers with
// varied terms (sections, alerts, followed categories and authors, up to 20
// saved papers for For you, time zones, sizes) over the 74,728 papers of the arXiv CS listing crawl (plus the demo's
// Hugging Face days, for trending): composed and sent end to end to an SMTP
// server on loopback in its own process. In the same run, the ceiling:
// nodemailer's pooled transport sending READERS already-rendered messages of
// the same size to the same server. The corpus is imported by `paperboy
// ingest` in a child process, so the peak RSS measured is the edition's.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SHARED_DATA, machine, printTable, requireData, writeResult } from './lib/report.ts';
import { tempDir } from '../test/helpers.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices } from '../src/services.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';
import { createDigestStore } from '../src/db/digest-store.ts';
import { createLibraryStore } from '../src/db/library-store.ts';
import { DEMO_FILES } from '../src/ingest/ingest.ts';
import { isDigestDay } from '../src/domain/digest-schedule.ts';
import { shiftDay } from '../src/domain/days.ts';
import type { Follow, Preferences } from '../src/domain/digest-preferences.ts';
import { SMTP_CONNECTIONS, type Mail } from '../src/mail/mailer.ts';

const READERS = Number(process.env.BENCH_READERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEED = 20261201;
const TARGETS = { emailsPerSecond: 200, shareOfCeiling: 0.5, peakRssMb: 1024 };
const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Africa/Nairobi',
  'Pacific/Auckland',
];

function importCorpus(path: string): void {
  const dir = requireData(join(SHARED_DATA, 'arxiv-cs-daily-listings'), 'the 74,728-paper arXiv CS listing crawl');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl.gz'))
    .sort()
    .map((file) => join(dir, file));
  const env = { PATH: process.env.PATH, DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'warn' };
  for (const args of [
    ['ingest', 'file', ...files, '--format', 'arxiv-listing'],
    ['ingest', 'file', DEMO_FILES[1]!],
  ]) {
    const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`paperboy ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
  }
}

/** A small seeded generator, so every run draws the same readers. */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], most: number) => [
    ...new Set(Array.from({ length: Math.floor(next() * (most + 1)) }, () => pick(list))),
  ];
  return { next, pick, some };
}

/** What readers follow, drawn from the corpus: its 40 largest categories, authors of several recent papers, searches of title words. */
async function followables(db: Db, since: string) {
  const categories = (await db.column(
    'SELECT category FROM paper_categories GROUP BY category ORDER BY count(*) DESC LIMIT 40',
  )) as string[];
  const counts = new Map<string, number>();
  const titles: string[] = [];
  for (const { authors, title } of await db.all<{ authors: string; title: string }>(
    'SELECT authors, title FROM papers WHERE published_at >= ?',
    [since],
  )) {
    for (const name of JSON.parse(authors) as string[]) counts.set(name, (counts.get(name) ?? 0) + 1);
    titles.push(title);
  }
  const authors = [...counts]
    .filter(([, count]) => count >= 3)
    .map(([name]) => name)
    .slice(0, 3000);
  const searches = titles
    .filter((_, index) => index % Math.max(1, Math.floor(titles.length / 300)) === 0)
    .map((title) => (title.toLowerCase().match(/[a-z]{6,}/g) ?? []).slice(0, 2).join(' '))
    .filter((query) => query.includes(' '));
  return { categories, authors, searches: [...new Set(searches)] };
}

async function addReaders(db: Db, edition: string): Promise<{ follows: number; saved: number }> {
  const random = seeded(SEED);
  // Libraries are drawn apart, so that readers' terms and follows stay those of earlier runs.
  const libraries = seeded(SEED + 1);
  const pool = await followables(db, shiftDay(edition, -60)!);
  const recent = (await db.column('SELECT id FROM papers WHERE published_at >= ? AND published_at < ?', [
    shiftDay(edition, -90),
    shiftDay(edition, -1),
  ])) as string[];
  const weekday = new Date(`${edition}T00:00:00Z`).getUTCDay();
  const at = new Date(Date.parse(edition) - 30 * 86_400_000).toISOString();
  let follows = 0;
  let saved = 0;
  await db.transaction(async (tx) => {
    const library = createLibraryStore(tx);
    const accounts = createAccountStore(tx);
    const digests = createDigestStore(tx);
    for (let n = 0; n < READERS; n++) {
      const account = await accounts.accountFor(`reader${n}@bench.example.org`, at);
      await digests.subscribe(account.id, at);
      const terms: Preferences = {
        frequency: random.next() < 0.85 ? 'daily' : 'weekly',
        weekday,
        hour: Math.floor(random.next() * 24),
        timeZone: random.pick(ZONES),
        maxPapers: 5 + Math.floor(random.next() * 16),
        trending: random.pick(['off', 'day', 'week'] as const),
        categoriesOn: random.next() < 0.8,
        authorsOn: random.next() < 0.8,
        alertsOn: random.next() < 0.8,
        forYouOn: true,
        quiet: random.pick(['skip', 'note'] as const),
      };
      await digests.updatePreferences(account.id, terms, at);
      const chosen: Follow[] = [
        ...random.some(pool.categories, 3).map((value) => ({ kind: 'category' as const, value })),
        ...random.some(pool.authors, 3).map((value) => ({ kind: 'author' as const, value })),
        ...random.some(pool.searches, 3).map((value) => ({ kind: 'search' as const, value })),
      ];
      for (const follow of chosen) await digests.follow(account.id, follow, at, 50);
      follows += chosen.length;
      // Up to 20 saved papers of the 90 days before: each reader's For you section is ranked from them.
      const papers = libraries.some(recent, 20);
      if (papers.length) saved += (await library.save((await library.collections(account.id, at))[0]!.id, papers, at)).length;
    }
  });
  return { follows, saved };
}

async function startSink(): Promise<{ url: string; count: () => Promise<{ messages: number; bytes: number }>; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/smtp-sink.ts', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const port = Number((await nextLine()).split(' ')[1]);
  return {
    url: `smtp://127.0.0.1:${port}`,
    async count() {
      const reply = nextLine();
      child.stdin!.write('count\n');
      const [, messages, bytes] = (await reply).split(' ');
      return { messages: Number(messages), bytes: Number(bytes) };
    },
    stop: () => child.kill(),
  };
}

/** Samples this process's resident memory until stopped; returns the peak in MB. */
function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
  };
}

type Sink = Awaited<ReturnType<typeof startSink>>;

/**
 * A real digest (a preview of one of the first 200 readers) whose message is as large as the
 * average one paperboy sent: one preview is sent to measure how its text and HTML grow into a
 * message on the wire, then the preview nearest the average size is chosen.
 */
async function averageSizedDigest(
  services: Awaited<ReturnType<typeof createServices>>,
  edition: string,
  sink: Sink,
  averageBytes: number,
): Promise<Mail> {
  const previews: Mail[] = [];
  for (let n = 0; n < Math.min(200, READERS); n++)
    previews.push((await services.digest.previewFor(`reader${n}@bench.example.org`, edition)).mail);
  const size = (mail: Mail) => Buffer.byteLength(mail.html) + Buffer.byteLength(mail.text);
  const probe = previews.reduce((largest, mail) => (size(mail) > size(largest) ? mail : largest));
  const before = await sink.count();
  await sendOne(sink.url, probe);
  const wireRatio = ((await sink.count()).bytes - before.bytes) / size(probe);
  return previews.reduce((best, mail) =>
    Math.abs(size(mail) * wireRatio - averageBytes) < Math.abs(size(best) * wireRatio - averageBytes) ? mail : best,
  );
}

async function sendOne(url: string, mail: Mail): Promise<void> {
  const transport = nodemailer.createTransport(url);
  await transport.sendMail({ from: 'paperboy <digest@papers.example.org>', ...mail });
  transport.close();
}

/** CPU time this process spent since `since` (process.cpuUsage()), in milliseconds per mail. */
const cpuMsPerMail = (since: NodeJS.CpuUsage, mails: number) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / Math.max(1, mails);
};

/** The ceiling: READERS copies of one rendered digest, to as many addresses, through nodemailer's pool as paperboy configures it. */
async function sendCeiling(url: string, mail: Mail): Promise<{ emailsPerSecond: number; cpuMsPerMail: number }> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: Infinity });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < READERS) {
      const n = next++;
      await transport.sendMail({ from: 'paperboy <digest@papers.example.org>', ...mail, to: `reader${n}@bench.example.org` });
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsPerMail(cpu, READERS);
  transport.close();
  return { emailsPerSecond: READERS / seconds, cpuMsPerMail: cpuMs };
}

interface EditionRun {
  seconds: number;
  sent: number;
  skipped: number;
  failed: number;
  audience: number;
  emailsPerSecond: number;
  /** CPU time of this process (composing, rendering, the database, SMTP clients) per mail sent. */
  cpuMsPerMail: number;
  composeMsP50: number | null;
  peakRssMb: number;
  bytes: number;
  papersPerMail: number;
}

/** One edition for every reader, from a clean slate (no digest sent yet), so that every run does the same work. */
async function runEdition(services: Awaited<ReturnType<typeof createServices>>, db: Db, edition: string, sink: Sink): Promise<EditionRun> {
  await db.script('DELETE FROM sent_papers; DELETE FROM digests; DELETE FROM digest_runs;');
  const before = await sink.count();
  const stopSampling = sampleRss();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await services.digest.runEdition({ date: edition });
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsPerMail(cpu, result.dryRun ? 0 : result.report.sent);
  const peakRssMb = stopSampling();
  if (result.dryRun) throw new Error('unexpected dry run');
  const after = await sink.count();
  const { sent, skipped, failed, composeMsP50 } = result.report;
  const bytes = Math.round((after.bytes - before.bytes) / Math.max(1, after.messages - before.messages));
  const papersPerMail = (await db.value("SELECT avg(json_array_length(items)) FROM digests WHERE status = 'sent'")) as number;
  return {
    seconds,
    sent,
    skipped,
    failed,
    audience: result.run?.audience ?? 0,
    emailsPerSecond: sent / seconds,
    cpuMsPerMail: cpuMs,
    composeMsP50,
    peakRssMb,
    bytes,
    papersPerMail,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const path = join(tempDir(), 'digest.db');
  console.log('importing the corpus (paperboy ingest, in a child process)…');
  importCorpus(path);
  const sink = await startSink();
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path}`,
    SMTP_URL: sink.url,
    PUBLIC_URL: 'https://papers.example.org',
    LOG_LEVEL: 'warn',
  });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('warn'));
  await services.trending.computeTrending();
  const papers = await services.papers.countPapers();
  let edition = ((await db.value('SELECT substr(max(published_at), 1, 10) FROM papers')) as string) ?? '';
  while (!isDigestDay({ frequency: 'daily', weekday: 0, hour: 0, timeZone: 'UTC' }, edition)) edition = shiftDay(edition, -1)!;
  console.log(`${papers.toLocaleString('en')} papers; adding ${READERS.toLocaleString('en')} readers for the edition of ${edition}…`);
  const { follows, saved } = await addReaders(db, edition);
  const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024);

  // Paperboy and the ceiling take turns, so that a slow moment of the machine falls on both alike.
  const editions: EditionRun[] = [];
  const ceilings: { emailsPerSecond: number; cpuMsPerMail: number }[] = [];
  let sample: Mail | null = null;
  for (let run = 1; run <= RUNS; run++) {
    editions.push(await runEdition(services, db, edition, sink));
    sample ??= await averageSizedDigest(services, edition, sink, editions[0]!.bytes);
    ceilings.push(await sendCeiling(sink.url, sample));
    console.log(
      `run ${run}: paperboy ${round(editions.at(-1)!.emailsPerSecond)} mails/s (${round(editions.at(-1)!.cpuMsPerMail, 2)} CPU ms each), ceiling ${round(ceilings.at(-1)!.emailsPerSecond)} mails/s (${round(ceilings.at(-1)!.cpuMsPerMail, 2)})`,
    );
  }
  // Once more without For you, to measure what ranking every reader's section costs.
  await db.script('UPDATE subscriptions SET for_you_on = 0');
  const withoutForYou = await runEdition(services, db, edition, sink);
  console.log(
    `without For you: paperboy ${round(withoutForYou.emailsPerSecond)} mails/s (${round(withoutForYou.cpuMsPerMail, 2)} CPU ms each)`,
  );
  const before = await sink.count();
  await sendOne(sink.url, sample!);
  const ceilingBytes = (await sink.count()).bytes - before.bytes;
  sink.stop();
  await services.close();

  const first = editions[0]!;
  const emailsPerSecond = median(editions.map((run) => run.emailsPerSecond));
  const ceiling = median(ceilings.map((run) => run.emailsPerSecond));
  const cpu = {
    paperboy: round(median(editions.map((run) => run.cpuMsPerMail)), 2),
    ceiling: round(median(ceilings.map((run) => run.cpuMsPerMail)), 2),
  };
  const peakRssMb = Math.max(...editions.map((run) => run.peakRssMb));
  const composeMsP50 = median(editions.map((run) => run.composeMsP50 ?? 0));
  const report = {
    benchmark: 'digest',
    data: 'arxiv-cs-daily-listings (74,728 papers) + the demo Hugging Face days, imported by paperboy ingest',
    readers: READERS,
    follows,
    saved,
    papers,
    edition,
    runs: RUNS,
    audience: first.audience,
    sent: first.sent,
    skipped: first.skipped,
    failed: first.failed,
    emails_per_s: round(emailsPerSecond),
    ceiling_emails_per_s: round(ceiling),
    share_of_ceiling: round(emailsPerSecond / ceiling, 2),
    cpu_ms_per_mail: cpu,
    compose_ms_p50: composeMsP50,
    peak_rss_mb: peakRssMb,
    rss_before_mb: rssBefore,
    per_run: editions.map((run, index) => ({
      seconds: round(run.seconds, 2),
      emails_per_s: round(run.emailsPerSecond),
      ceiling_emails_per_s: round(ceilings[index]!.emailsPerSecond),
      cpu_ms_per_mail: round(run.cpuMsPerMail, 2),
      ceiling_cpu_ms_per_mail: round(ceilings[index]!.cpuMsPerMail, 2),
      compose_ms_p50: run.composeMsP50,
      peak_rss_mb: run.peakRssMb,
    })),
    message_bytes: { paperboy_average: first.bytes, ceiling: ceilingBytes },
    papers_per_mail: round(first.papersPerMail, 2),
    without_for_you: {
      note: "one more edition after the paired runs, with every reader's For you section off",
      sent: withoutForYou.sent,
      emails_per_s: round(withoutForYou.emailsPerSecond),
      cpu_ms_per_mail: round(withoutForYou.cpuMsPerMail, 2),
      compose_ms_p50: withoutForYou.composeMsP50,
      papers_per_mail: round(withoutForYou.papersPerMail, 2),
      bytes_per_mail: withoutForYou.bytes,
    },
    ceiling: `nodemailer pooled SMTP transport with paperboy's settings (${SMTP_CONNECTIONS} connections), 64 messages in flight, one rendered digest of the average size to each of ${READERS} addresses`,
    targets: TARGETS,
    met: {
      emails_per_s: emailsPerSecond >= TARGETS.emailsPerSecond,
      share_of_ceiling: emailsPerSecond / ceiling >= TARGETS.shareOfCeiling,
      peak_rss_mb: peakRssMb < TARGETS.peakRssMb,
    },
    machine: machine(),
  };
  printTable([
    {
      side: 'paperboy edition',
      'mails/s (median)': report.emails_per_s,
      'CPU ms/mail': cpu.paperboy,
      'compose p50 ms': String(composeMsP50),
      'peak RSS MB': peakRssMb,
      'bytes/mail': first.bytes,
    },
    {
      side: 'paperboy, For you off (once)',
      'mails/s (median)': report.without_for_you.emails_per_s,
      'CPU ms/mail': report.without_for_you.cpu_ms_per_mail,
      'compose p50 ms': String(withoutForYou.composeMsP50),
      'peak RSS MB': withoutForYou.peakRssMb,
      'bytes/mail': withoutForYou.bytes,
    },
    {
      side: 'nodemailer pool (ceiling)',
      'mails/s (median)': report.ceiling_emails_per_s,
      'CPU ms/mail': cpu.ceiling,
      'compose p50 ms': '-',
      'peak RSS MB': '-',
      'bytes/mail': ceilingBytes,
    },
  ]);
  console.log(
    `${first.sent.toLocaleString('en')} sent and ${first.skipped} skipped (nothing new) of ${first.audience.toLocaleString('en')} due per run: ${report.share_of_ceiling}× the ceiling`,
  );
  console.log(`wrote ${writeResult('digest', report)}`);
}

await main();
