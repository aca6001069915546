// The only reader of process.env: one schema with defaults, validation and
// secret redaction. Every key here is documented in the README.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import {
  parseBoolean,
  parseDatabaseUrl,
  parseEmails,
  parseLogLevel,
  parseNonNegativeInt,
  parsePort,
  parsePositiveInt,
  parseProvider,
  parseProxyHops,
  parseReplicaUrls,
  parsePublicUrl,
  parseSecretKey,
  parseText,
  parseUrl,
} from './config-values.ts';

export interface Config {
  databaseUrl: string;
  databaseReplicaUrls: string[];
  databasePoolSize: number;
  host: string;
  port: number;
  logLevel: string;
  userAgent: string;
  arxivApiUrl: string;
  arxivOaiUrl: string;
  hfApiUrl: string;
  arxivMinIntervalMs: number;
  arxivFillEveryMinutes: number;
  httpTimeoutMs: number;
  httpRetries: number;
  demoCorpus: boolean;
  embeddingsProvider: 'none' | 'openai' | 'transformers';
  embeddingsUrl: string;
  embeddingsModel: string;
  embeddingsApiKey: string;
  modelsDir: string;
  hfHubCache: string;
  hfHubUrl: string;
  vectorIndexThreshold: number;
  searchCacheSize: number;
  searchIndexCacheMb: number;
  webWorkers: number;
  publicUrl: string;
  smtpUrl: string;
  mailFrom: string;
  adminEmails: string[];
  secretKey: string;
  dkimDomain: string;
  dkimSelector: string;
  dkimPrivateKeyFile: string;
  digestLeaseSeconds: number;
  digestCheckSeconds: number;
  /** Reverse proxies in front of paperboy that append to X-Forwarded-For; 0: none, use the socket's address. */
  trustProxy: number;
}

/** The model each provider uses when EMBEDDINGS_MODEL is empty. */
export const DEFAULT_MODELS = { transformers: 'Xenova/bge-small-en-v1.5', openai: 'nomic-embed-text' } as const;

type Env = Record<string, string | undefined>;

interface KeySpec {
  key: string;
  field: keyof Config;
  default: string;
  parse: (raw: string, key: string) => Config[keyof Config];
  secret?: boolean;
  help: string;
}

export const CONFIG_KEYS: readonly KeySpec[] = [
  {
    key: 'DATABASE_URL',
    field: 'databaseUrl',
    default: 'sqlite:./data/paperboy.db',
    parse: parseDatabaseUrl,
    secret: true,
    help: 'Where papers are stored: sqlite:PATH (or sqlite::memory:), or a PostgreSQL server, postgres://USER:PASSWORD@HOST:PORT/DATABASE',
  },
  {
    key: 'DATABASE_REPLICA_URLS',
    field: 'databaseReplicaUrls',
    default: '',
    parse: parseReplicaUrls,
    secret: true,
    help: 'PostgreSQL streaming replicas, comma-separated: web pages and the API read there, and a reader who just changed something reads their change; empty: every read goes to DATABASE_URL',
  },
  {
    key: 'DATABASE_POOL_SIZE',
    field: 'databasePoolSize',
    default: '10',
    parse: parsePositiveInt,
    help: 'Connections each paperboy process keeps open to PostgreSQL, and to each replica (plus one that listens for changes)',
  },
  {
    key: 'PUBLIC_URL',
    field: 'publicUrl',
    default: 'http://localhost:8080',
    parse: parsePublicUrl,
    help: 'The address people reach this hub at: links in mails point there, and session cookies are Secure when it is https',
  },
  {
    key: 'SMTP_URL',
    field: 'smtpUrl',
    default: '',
    parse: parseText,
    secret: true,
    help: 'SMTP server for sign-in mails and digests, e.g. smtps://user:pass@smtp.example.org:465; empty: mails are written to the log',
  },
  { key: 'MAIL_FROM', field: 'mailFrom', default: 'paperboy <paperboy@localhost>', parse: parseText, help: 'Sender of the mails' },
  {
    key: 'SECRET_KEY',
    field: 'secretKey',
    default: '',
    parse: parseSecretKey,
    secret: true,
    help: 'Signs the links in digests (preferences, unsubscribe, view): at least 32 characters; empty: one is generated on first start, into secret.key beside a SQLite file or into a PostgreSQL database',
  },
  {
    key: 'DKIM_DOMAIN',
    field: 'dkimDomain',
    default: '',
    parse: parseText,
    help: 'Sign outgoing mail with DKIM for this domain (with DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE); empty: unsigned',
  },
  {
    key: 'DKIM_SELECTOR',
    field: 'dkimSelector',
    default: '',
    parse: parseText,
    help: 'DKIM selector: the key is published at SELECTOR._domainkey.DOMAIN',
  },
  {
    key: 'DKIM_PRIVATE_KEY_FILE',
    field: 'dkimPrivateKeyFile',
    default: '',
    parse: parseText,
    help: 'PEM file with the DKIM private key (RSA or Ed25519)',
  },
  {
    key: 'DIGEST_LEASE_SECONDS',
    field: 'digestLeaseSeconds',
    default: '120',
    parse: parsePositiveInt,
    help: 'How long a sending process holds a batch of digests; after a crash another process takes them over once this passes',
  },
  {
    key: 'DIGEST_CHECK_SECONDS',
    field: 'digestCheckSeconds',
    default: '60',
    parse: parsePositiveInt,
    help: 'How often each process running the jobs looks for readers whose digest hour has come, and for digests to send again',
  },
  {
    key: 'ADMIN_EMAILS',
    field: 'adminEmails',
    default: '',
    parse: parseEmails,
    help: 'Comma-separated addresses of the admins (they can hide and merge papers)',
  },
  {
    key: 'TRUST_PROXY',
    field: 'trustProxy',
    default: 'false',
    parse: parseProxyHops,
    help: 'Behind reverse proxies that append to X-Forwarded-For: true (one proxy) or their number; the client is the entry that many from the right (for rate limits). false: the socket address',
  },
  {
    key: 'WEB_WORKERS',
    field: 'webWorkers',
    default: '0',
    parse: parseNonNegativeInt,
    help: 'Processes serving the web app, sharing the port; 0: one per CPU core',
  },
  {
    key: 'SEARCH_CACHE_SIZE',
    field: 'searchCacheSize',
    default: '2000',
    parse: parseNonNegativeInt,
    help: 'Recent searches (and similar-paper lists) each web process keeps; a search is served again until the database changes. 0 turns this off',
  },
  {
    key: 'SEARCH_INDEX_CACHE_MB',
    field: 'searchIndexCacheMb',
    default: '512',
    parse: parseNonNegativeInt,
    help: "Megabytes of the ranking index's most used postings each process keeps in memory; varied searches of 2.7 million papers read 300 to 500 MB",
  },
  { key: 'HOST', field: 'host', default: '0.0.0.0', parse: parseText, help: 'Address the web server listens on' },
  { key: 'PORT', field: 'port', default: '8080', parse: parsePort, help: 'Port the web server listens on' },
  { key: 'LOG_LEVEL', field: 'logLevel', default: 'info', parse: parseLogLevel, help: 'fatal, error, warn, info, debug, trace or silent' },
  {
    key: 'USER_AGENT',
    field: 'userAgent',
    default: 'paperboy/0.1 (self-hosted paper hub; contact: admin@localhost)',
    parse: parseText,
    help: 'User-Agent sent upstream; put a contact address in it',
  },
  {
    key: 'ARXIV_API_URL',
    field: 'arxivApiUrl',
    default: 'https://export.arxiv.org/api/query',
    parse: parseUrl,
    help: 'arXiv search API endpoint',
  },
  { key: 'ARXIV_OAI_URL', field: 'arxivOaiUrl', default: 'https://oaipmh.arxiv.org/oai', parse: parseUrl, help: 'arXiv OAI-PMH endpoint' },
  {
    key: 'HF_API_URL',
    field: 'hfApiUrl',
    default: 'https://huggingface.co/api/daily_papers',
    parse: parseUrl,
    help: 'Hugging Face daily papers endpoint',
  },
  {
    key: 'ARXIV_MIN_INTERVAL_MS',
    field: 'arxivMinIntervalMs',
    default: '3000',
    parse: parseNonNegativeInt,
    help: 'Least time between two requests to arXiv (arXiv asks for 3 s)',
  },
  {
    key: 'ARXIV_FILL_EVERY_MINUTES',
    field: 'arxivFillEveryMinutes',
    default: '60',
    parse: parseNonNegativeInt,
    help: 'How often the scheduler asks the arXiv API for the categories a source left out (Hugging Face papers); 0: never',
  },
  { key: 'HTTP_TIMEOUT_MS', field: 'httpTimeoutMs', default: '60000', parse: parsePositiveInt, help: 'Timeout of one upstream request' },
  {
    key: 'HTTP_RETRIES',
    field: 'httpRetries',
    default: '4',
    parse: parseNonNegativeInt,
    help: 'Retries of a failed upstream request, with exponential backoff',
  },
  {
    key: 'DEMO_CORPUS',
    field: 'demoCorpus',
    default: 'true',
    parse: parseBoolean,
    help: 'Import the bundled demo corpus when serve starts on an empty database',
  },
  {
    key: 'EMBEDDINGS_PROVIDER',
    field: 'embeddingsProvider',
    default: 'none',
    parse: parseProvider,
    help: 'Search by meaning too: none; transformers (an ONNX sentence-transformer run in-process); openai (any OpenAI-compatible /v1/embeddings endpoint)',
  },
  {
    key: 'EMBEDDINGS_MODEL',
    field: 'embeddingsModel',
    default: '',
    parse: parseText,
    help: `Embedding model: a hub name or folder for transformers (empty: ${DEFAULT_MODELS.transformers}), a model name at the endpoint for openai (empty: ${DEFAULT_MODELS.openai})`,
  },
  {
    key: 'EMBEDDINGS_URL',
    field: 'embeddingsUrl',
    default: 'http://localhost:11434/v1',
    parse: parseUrl,
    help: 'Base URL of the OpenAI-compatible embeddings API (Ollama, TEI, vLLM, OpenAI)',
  },
  {
    key: 'EMBEDDINGS_API_KEY',
    field: 'embeddingsApiKey',
    default: '',
    parse: parseText,
    secret: true,
    help: 'Bearer token for the embeddings endpoint, if it needs one',
  },
  {
    key: 'VECTOR_INDEX_THRESHOLD',
    field: 'vectorIndexThreshold',
    default: '20000',
    parse: parsePositiveInt,
    help: 'From this many vectors per model, search by meaning uses an HNSW index (a file beside the database) instead of exact search',
  },
  {
    key: 'MODELS_DIR',
    field: 'modelsDir',
    default: './data/models',
    parse: parseText,
    help: 'Folder where "paperboy models pull" puts transformers models',
  },
  {
    key: 'HF_HUB_CACHE',
    field: 'hfHubCache',
    default: '~/.cache/huggingface/hub',
    parse: parseText,
    help: 'Hugging Face hub cache where transformers models already downloaded by other tools are found',
  },
  {
    key: 'HF_HUB_URL',
    field: 'hfHubUrl',
    default: 'https://huggingface.co',
    parse: parseUrl,
    help: 'Hugging Face hub (or mirror) that "paperboy models pull" downloads from',
  },
];

/** process.env over an optional .env file in the working directory. */
export function readEnvironment(envFile = '.env'): Env {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Env = readEnvironment()): Config {
  const config: Partial<Record<keyof Config, unknown>> = {};
  for (const spec of CONFIG_KEYS) {
    const raw = env[spec.key]?.trim() || spec.default;
    config[spec.field] = spec.parse(raw, spec.key);
  }
  return config as Config;
}

/** The effective config as KEY=value lines, secrets redacted. */
export function describeConfig(config: Config): { key: string; value: string; help: string }[] {
  return CONFIG_KEYS.map((spec) => {
    const value = String(config[spec.field]);
    return { key: spec.key, value: spec.secret ? redactSecret(value) : value, help: spec.help };
  });
}

/** Passwords inside URLs and connection strings become ***, and so does a whole secret that is not a URL. */
export function redactSecret(value: string): string {
  if (!value) return value;
  if (!value.includes('://') && !/password=/i.test(value)) return value.startsWith('sqlite:') ? value : '***';
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/g, '$1***@').replace(/(password=)[^&\s]+/gi, '$1***');
}
