// paperboy ingest SOURCE: bring papers in from arXiv, Hugging Face or files.
import type { IngestSummary } from '../../ingest/batch.ts';
import { FILE_FORMATS, isFileFormat, OAI_FORMATS, type OaiFormat, type RunOptions } from '../../ingest/ingest.ts';
import type { Services } from '../../services.ts';
import { FILL_DEFAULTS } from '../../ingest/fill-from-arxiv.ts';
import { createProgressReporter } from '../progress.ts';
import { exitCodeFor, formatSummary } from '../summary.ts';
import {
  UsageError,
  dateOption,
  positiveIntOption,
  requireOption,
  stringOption,
  type CliContext,
  type Command,
  type Values,
} from '../command.ts';

type Run = (services: Services, values: Values, positionals: string[], options: RunOptions) => Promise<IngestSummary>;

const SOURCES: Record<string, { usage: string; run: Run }> = {
  'arxiv-oai': {
    usage: 'ingest arxiv-oai [--set SET] [--from DATE] [--until DATE] [--metadata FORMAT]',
    run: (services, values, _positionals, options) =>
      services.ingest.harvestArxivOai(
        {
          set: stringOption(values, 'set'),
          from: dateOption(values, 'from'),
          until: dateOption(values, 'until'),
          metadataPrefix: metadataFormat(values),
        },
        options,
      ),
  },
  'arxiv-api': {
    usage: 'ingest arxiv-api --query QUERY [--max N]',
    run: (services, values, _positionals, options) =>
      services.ingest.ingestArxivApi(requireOption(values, 'query'), positiveIntOption(values, 'max', 100), options),
  },
  'arxiv-fill': {
    usage: 'ingest arxiv-fill [--max N]',
    run: (services, values, _positionals, options) =>
      services.ingest.fillFromArxiv({ limit: positiveIntOption(values, 'max', FILL_DEFAULTS.limit) }, options),
  },
  'hf-daily': {
    usage: 'ingest hf-daily [--date DATE]',
    run: (services, values, _positionals, options) =>
      services.ingest.ingestHfDaily(dateOption(values, 'date') ?? new Date().toISOString().slice(0, 10), options),
  },
  file: {
    usage: 'ingest file PATH... [--format FORMAT]',
    run: (services, values, positionals, options) => {
      if (positionals.length === 0) throw new UsageError('ingest file needs at least one PATH');
      const format = stringOption(values, 'format');
      if (format !== undefined && !isFileFormat(format)) throw new UsageError(`--format must be one of ${FILE_FORMATS.join(', ')}`);
      return services.ingest.ingestFiles(positionals, format, options);
    },
  },
  demo: {
    usage: 'ingest demo',
    run: (services, _values, _positionals, options) => services.ingest.importDemoCorpus(options),
  },
};

function metadataFormat(values: Values): OaiFormat {
  const value = stringOption(values, 'metadata') ?? 'arXivRaw';
  if (!(OAI_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--metadata must be one of ${OAI_FORMATS.join(', ')}`);
  return value as OaiFormat;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Import papers from arXiv (OAI-PMH or API), Hugging Face daily papers, files, or the demo corpus',
  usage: `paperboy ingest SOURCE [options]\n  ${Object.values(SOURCES)
    .map((source) => `paperboy ${source.usage}`)
    .join('\n  ')}`,
  allowPositionals: true,
  options: {
    set: { type: 'string' },
    from: { type: 'string' },
    until: { type: 'string' },
    metadata: { type: 'string' },
    query: { type: 'string' },
    max: { type: 'string' },
    date: { type: 'string' },
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  help: [
    'arxiv-oai   harvest arXiv OAI-PMH incrementally; resumes an interrupted harvest, remembers where it stopped',
    '  --set SET          arXiv set, e.g. cs, math, physics:hep-th (default: all)',
    '  --from DATE        first datestamp, YYYY-MM-DD (default: where the last harvest stopped)',
    '  --until DATE       last datestamp, YYYY-MM-DD',
    `  --metadata FORMAT  ${OAI_FORMATS.join(', ')} (default arXivRaw: has versions)`,
    'arxiv-api   search the arXiv API and import the results',
    '  --query QUERY      arXiv search query, e.g. "cat:cs.CL AND ti:retrieval"',
    '  --max N            at most N results (default 100)',
    'arxiv-fill  ask the arXiv API for the categories a source left out (Hugging Face papers), 50 ids a request',
    `  --max N            at most N papers, newest first (default ${FILL_DEFAULTS.limit}); one not found is asked again after a week`,
    'hf-daily    import one day of Hugging Face daily papers with upvotes and GitHub links',
    '  --date DATE        the day, YYYY-MM-DD (default today)',
    'file        import files; gzip is read transparently',
    `  --format FORMAT    ${FILE_FORMATS.join(', ')} (default: detected)`,
    'demo        import the bundled demo corpus',
    '--dry-run            read and check everything, write nothing',
  ],
  async run(context: CliContext, values, positionals) {
    const [sourceName, ...rest] = positionals;
    const source = sourceName ? SOURCES[sourceName] : undefined;
    if (!source) throw new UsageError(`ingest needs a SOURCE: ${Object.keys(SOURCES).join(', ')}`);
    if (sourceName !== 'file' && rest.length) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
    const dryRun = values['dry-run'] === true;
    const services = await context.services({ dryRun });
    services.tuneForImport();
    const progress = createProgressReporter(context.err, context.log);
    try {
      const summary = await source.run(services, values, rest, { dryRun, onProgress: progress.update });
      progress.finish();
      const released = dryRun ? 0 : services.compactAfterImport(summary.added);
      if (released) context.log.info({ megabytes: Math.round(released / 2 ** 20) }, 'gave the free space of the database file back');
      context.out.write(formatSummary(summary));
      context.log.info(
        { added: summary.added, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped },
        'ingest finished',
      );
      return exitCodeFor(summary);
    } finally {
      progress.finish();
    }
  },
};
