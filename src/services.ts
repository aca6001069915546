// Wires the features into one object that the web app, the CLI and jobs share.
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { compactAfterImport, tuneForImport, tuneForReading, type Db } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { createPaperStore } from './db/papers-store.ts';
import { createIndexWriter } from './text-index/writer.ts';
import { PAPER_TEXT } from './db/paper-text.ts';
import { createPaperReader } from './db/papers-read.ts';
import { createHarvestStateStore } from './db/harvest-state.ts';
import { createMissingFieldsStore } from './db/missing-fields.ts';
import { createPaperAuthors } from './db/paper-authors.ts';
import { createAuthors } from './authors/authors.ts';
import { createHttpClient } from './sources/http-client.ts';
import { createIngest } from './ingest/ingest.ts';
import { createImportRuns } from './db/import-runs.ts';
import { createLexicalSearch, DEFAULT_RANKING } from './search/lexical.ts';
import { createSearch } from './search/search.ts';
import { createVectorStore } from './db/vector-store.ts';
import { createVectorSearch } from './db/vector-index.ts';
import { openPgvectorIndex } from './db/pgvector-index.ts';
import { createEmbedQueue } from './embeddings/embed-queue.ts';
import { embedderSpec } from './embeddings/providers.ts';
import { createWorkerEmbedder } from './embeddings/worker-embedder.ts';
import { createBackgroundEmbedding, embeddingLease } from './embeddings/background.ts';
import { createListings } from './db/listings.ts';
import { createDataGeneration, createPapersVersion } from './db/data-generation.ts';
import { createTrending } from './trending/trending.ts';
import { createDaily } from './trending/daily.ts';
import { createVoteStore } from './db/votes-store.ts';
import { createTrendingStore } from './db/trending-store.ts';
import { createAccountStore } from './db/accounts-store.ts';
import { createAccounts } from './accounts/accounts.ts';
import { createMailer } from './mail/mailer.ts';
import { dkimOptions } from './mail/dkim.ts';
import { createDigestStore } from './db/digest-store.ts';
import { loadSecretKey } from './db/secret-key.ts';
import { createDigest } from './digest/digest.ts';
import { randomUUID } from 'node:crypto';
import { createJobLeases } from './db/job-leases.ts';
import { readRouting } from './db/replicated-sql.ts';
import { createModerationStore } from './db/moderation-store.ts';
import { createLibraryStore } from './db/library-store.ts';
import { createLibrary } from './library/library.ts';
import { createPapers } from './papers/papers.ts';
import { createVotes } from './votes/votes.ts';
import { createModeration } from './moderation/moderation.ts';
import { createStatus } from './status/status.ts';
import { reportRenderFailuresTo } from './domain/fail-soft.ts';
import { classifyDatabaseError } from './db/storage-errors.ts';
import { createRecommendStore } from './db/recommend-store.ts';
import { createRecommend } from './recommend/recommend.ts';

/**
 * Brings the schema up to date first: every statement below is prepared against it. For a
 * dry run (`writes: false`) the schema must be current already and nothing is written.
 * `now` is the clock of features that schedule (tests set it).
 */
export async function createServices(config: Config, db: Db, log: Logger, { writes = true, now = Date.now } = {}) {
  const appliedMigrations = writes ? await migrate(db) : [];
  reportRenderFailuresTo(({ what, sample, error }) =>
    log.warn({ what, sample, err: error }, 'a paper field could not be rendered; it is shown as written'),
  );
  if (writes) await catchUpRankingIndex(db, log);
  const httpOptions = { userAgent: config.userAgent, timeoutMs: config.httpTimeoutMs, retries: config.httpRetries };
  const onRetry = (info: { url: string; attempt: number; waitMs: number; reason: string }) =>
    log.warn(info, 'upstream request failed; retrying');
  const importRuns = createImportRuns(db);
  const ingest = createIngest({
    store: createPaperStore(db),
    harvestStates: createHarvestStateStore(db),
    missingFields: createMissingFieldsStore(db),
    arxivHttp: createHttpClient({ ...httpOptions, minIntervalMs: config.arxivMinIntervalMs, onRetry }),
    hfHttp: createHttpClient({ ...httpOptions, minIntervalMs: 1000, onRetry }),
    urls: { arxivApi: config.arxivApiUrl, arxivOai: config.arxivOaiUrl, hfApi: config.hfApiUrl },
    importRuns,
    log: log.child({ component: 'ingest' }),
  });
  const papers = createPaperReader(db);
  const vectors = createVectorStore(db);
  const spec = embedderSpec(config);
  const embedder = spec ? createWorkerEmbedder(spec) : null;
  const embedQueue = embedder ? createEmbedQueue({ store: vectors, embedder, log: log.child({ component: 'embed' }) }) : null;
  const jobLeases = createJobLeases(db);
  const backgroundEmbedding = embedQueue
    ? createBackgroundEmbedding(embedQueue, log.child({ component: 'embed' }), embeddingLease(jobLeases, randomUUID(), now))
    : null;
  const vectorLog = log.child({ component: 'vectors' });
  const pgvector = embedder && writes ? await openPgvectorIndex(db, vectorLog) : null;
  const vectorSearch = createVectorSearch(db, vectors, vectorLog, { threshold: config.vectorIndexThreshold, staleShare: 0.1 }, pgvector);
  const semantic = embedder ? { embedder, vectors: vectorSearch, log: log.child({ component: 'search' }) } : null;
  const trendingStore = createTrendingStore(db);
  const lexical = createLexicalSearch(db, DEFAULT_RANKING, config.searchIndexCacheMb * 1024 * 1024);
  const search = createSearch({
    index: lexical,
    papers,
    semantic,
    generation: createDataGeneration(db),
    cacheSize: config.searchCacheSize,
    trendingScores: (ids) => trendingStore.scoresOf('week', ids),
    uncategorized: ingest.countUncategorized,
  });
  const listings = createListings(db);
  const voteStore = createVoteStore(db);
  const trending = createTrending({ listings, votes: voteStore, store: trendingStore });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: log.child({ component: 'mail' }),
    dkim: dkimOptions(config),
  });
  const accountStore = createAccountStore(db);
  const digestStore = createDigestStore(db);
  const secret = await loadSecretKey(config.secretKey, db, { writes });
  if (secret.generatedAt) log.info({ in: secret.generatedAt }, 'generated the secret key that signs links in digests');
  const accounts = createAccounts({
    store: accountStore,
    mailer,
    subscriptions: { subscribe: digestStore.subscribe },
    publicUrl: config.publicUrl,
    admins: config.adminEmails,
    now,
  });
  const recommend = createRecommend({
    store: createRecommendStore(db),
    generation: createPapersVersion(db),
    cards: listings.cards,
    latestDayAtOrBefore: listings.latestDayAtOrBefore,
    accounts: accountStore,
    secretKey: secret.key,
    model: embedder?.modelId ?? null,
    now,
  });
  const digest = createDigest({
    store: digestStore,
    accounts: accountStore,
    search,
    trending,
    recommend,
    mailCards: listings.mailCards,
    mailer,
    secretKey: secret.key,
    publicUrl: config.publicUrl,
    log: log.child({ component: 'digest' }),
    leaseMs: config.digestLeaseSeconds * 1000,
    holder: randomUUID(),
    now,
  });
  return {
    config,
    log,
    appliedMigrations,
    ingest,
    papers: createPapers({ reader: papers, listings }),
    search,
    trending,
    votes: createVotes({ store: voteStore }),
    jobLeases,
    moderation: createModeration({ store: createModerationStore(db), log: log.child({ component: 'moderation' }) }),
    status: createStatus({
      countPapers: papers.countPapers,
      lastImport: importRuns.latest,
      trendingSources: () => trending.dataSources(),
      embeddings: async () => (await backgroundEmbedding?.status()) ?? null,
      digest: async () => digest.digestStatus(await accounts.countWaitingSubscriptions()),
    }),
    digest,
    recommend,
    library: createLibrary({ store: createLibraryStore(db), papers }),
    accounts,
    /** A failure of the database as a plain AppError ("the disk is full"); other errors as they are. */
    explainError: classifyDatabaseError,
    daily: createDaily({ listings }),
    authors: createAuthors({ authors: createPaperAuthors(db, lexical.indexReader), listings }),
    embedQueue,
    vectorSearch,
    /** Where a web request reads (replicas, with read-your-writes), see db/replicated-sql.ts. */
    reads: readRouting(db),
    /** Tunes the database connection for serving pages (reads). */
    tuneForServing: () => tuneForReading(db),
    /** Tunes the database connection for importing many papers. */
    tuneForImport: () => tuneForImport(db),
    /** After an import that added `added` papers: rebuilds what it filled out of order, gives free pages back; how many bytes. */
    compactAfterImport: (added: number) => compactAfterImport(db, added),
    /** Embeds pending papers while the server runs; null when search by meaning is off. */
    backgroundEmbedding,
    /** Stops background work and closes the database; a second call does nothing. */
    close: once(async (): Promise<void> => {
      const stopping = backgroundEmbedding?.stop();
      await embedder?.close();
      await stopping;
      mailer.close();
      await db.close();
    }),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

/** Fetching an embedding model needs no database: the CLI's `models pull` calls it directly. */
export { pullModel } from './embeddings/pull.ts';

/** Moving a hub to PostgreSQL opens both stores itself: the CLI's `db copy` calls it directly. */
export { copyDatabase } from './db/copy.ts';

/** Papers stored before the ranking index existed, or left waiting by an interrupted run, are indexed at start. */
async function catchUpRankingIndex(db: Db, log: Logger): Promise<void> {
  const writer = createIndexWriter(db, PAPER_TEXT);
  const pending = await writer.pendingCount();
  if (!pending) return;
  if (pending > 10_000) log.info({ papers: pending }, 'adding papers to the ranking index (once)');
  await writer.indexPending();
}

/** `work` run on the first call only; later calls get the first call's promise. */
function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= work());
}
