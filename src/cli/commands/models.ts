// paperboy models pull [NAME]: fetch the embedding model that
// EMBEDDINGS_PROVIDER=transformers runs, into MODELS_DIR.
import { DEFAULT_MODELS } from '../../config.ts';
import { pullModel } from '../../services.ts';
import { UsageError, type Command } from '../command.ts';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'Download an embedding model for search by meaning (models pull [NAME])',
  usage: 'paperboy models pull [NAME]',
  allowPositionals: true,
  options: {},
  help: [
    `pull [NAME]   download NAME (default: EMBEDDINGS_MODEL, else ${DEFAULT_MODELS.transformers}) from HF_HUB_URL into MODELS_DIR`,
    'Then set EMBEDDINGS_PROVIDER=transformers (and EMBEDDINGS_MODEL=NAME if not the default).',
  ],
  async run(context, _values, positionals) {
    const [action, name, ...extra] = positionals;
    if (action !== 'pull' || extra.length) throw new UsageError('the only action is "pull", with at most one model name');
    const { config } = context;
    const model =
      name ??
      (config.embeddingsProvider === 'transformers' && config.embeddingsModel ? config.embeddingsModel : DEFAULT_MODELS.transformers);
    context.err.write(`downloading ${model} from ${config.hfHubUrl}\n`);
    const folder = await pullModel({
      model,
      modelsDir: config.modelsDir,
      hubUrl: config.hfHubUrl,
      userAgent: config.userAgent,
      onFile: (file) => context.err.write(`  fetched ${file}\n`),
    });
    context.out.write(`${model} is ready in ${folder}\n`);
    return 0;
  },
};
