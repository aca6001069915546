// Writes a tiny BERT-shaped sentence-transformer folder (config.json,
// tokenizer.json, 1_Pooling/config.json, onnx/model.onnx) that transformers.js
// loads like any model from the hub. No model can be downloaded here, so the
// tests build one: a WordPiece vocabulary, word and token-type embeddings,
// tanh, and the attention mask applied, as BERT's last_hidden_state.
// Words of one concept get nearby embeddings, so the model has a little meaning.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProtoWriter } from './protobuf.ts';

export interface TinyModelOptions {
  /** Lower-case words the model knows; any other word is [UNK] and weighs nothing. */
  words: string[];
  /** word → concept: words of one concept embed close together. */
  concepts?: Record<string, string>;
  dimensions?: number;
}

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const FLOAT = 1;
const INT64 = 7;

export function writeTinyModel(dir: string, options: TinyModelOptions): string {
  const dimensions = options.dimensions ?? 32;
  const vocab = [...SPECIAL_TOKENS, ...new Set(options.words.map((word) => word.toLowerCase()))];
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  writeJson(join(dir, 'config.json'), {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dimensions,
    vocab_size: vocab.length,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: dimensions,
    max_position_embeddings: 512,
    type_vocab_size: 2,
  });
  writeJson(join(dir, 'tokenizer.json'), tokenizerJson(vocab));
  writeJson(join(dir, 'tokenizer_config.json'), {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  });
  writeJson(join(dir, '1_Pooling', 'config.json'), {
    word_embedding_dimension: dimensions,
    pooling_mode_cls_token: false,
    pooling_mode_mean_tokens: true,
  });
  const wordEmbeddings = vocab.map((token, id) =>
    id < SPECIAL_TOKENS.length ? specialVector(token, dimensions) : wordVector(token, options.concepts ?? {}, dimensions),
  );
  writeFileSync(join(dir, 'onnx', 'model.onnx'), modelProto(wordEmbeddings.flat(), vocab.length, dimensions));
  return dir;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 1));
}

/** The concept's direction plus a smaller one of the word's own. */
function wordVector(word: string, concepts: Record<string, string>, dimensions: number): number[] {
  const concept = seededVector(concepts[word] ?? word, dimensions);
  const own = seededVector(`${word}#own`, dimensions);
  return concept.map((value, index) => value + 0.3 * own[index]!);
}

/** Like BERT's, [CLS] and [SEP] carry a little weight, so a text of unknown words still has a direction. */
function specialVector(token: string, dimensions: number): number[] {
  return token === '[CLS]' || token === '[SEP]'
    ? seededVector('[sentence]', dimensions).map((value) => 0.1 * value)
    : new Array<number>(dimensions).fill(0);
}

function seededVector(text: string, dimensions: number): number[] {
  let state = 2166136261;
  for (const char of text) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: dimensions }, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * 2;
  });
}

function tokenizerJson(vocab: string[]) {
  const special = (content: string) => ({
    id: vocab.indexOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [
        token('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        token('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((name) => [name, { id: name, ids: [vocab.indexOf(name)], tokens: [name] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((word, id) => [word, id])),
    },
  };
}

/** ONNX graph: tanh(Gather(words, input_ids) + Gather(types, token_type_ids)) × attention_mask. */
function modelProto(wordEmbeddings: number[], vocabSize: number, dimensions: number): Uint8Array {
  return new ProtoWriter()
    .int(1, 8)
    .string(2, 'paperboy-tests')
    .message(8, (opset) => opset.string(1, '').int(2, 13))
    .message(7, (graph) => {
      graph.string(2, 'tiny-bert');
      node(graph, 'Gather', ['word_embeddings', 'input_ids'], ['words']);
      node(graph, 'Gather', ['token_type_embeddings', 'token_type_ids'], ['types']);
      node(graph, 'Add', ['words', 'types'], ['summed']);
      node(graph, 'Tanh', ['summed'], ['activated']);
      node(graph, 'Cast', ['attention_mask'], ['mask'], { to: FLOAT });
      node(graph, 'Unsqueeze', ['mask', 'last_axis'], ['mask3']);
      node(graph, 'Mul', ['activated', 'mask3'], ['last_hidden_state']);
      tensor(graph, 'word_embeddings', FLOAT, [vocabSize, dimensions], new Float32Array(wordEmbeddings));
      tensor(graph, 'token_type_embeddings', FLOAT, [2, dimensions], new Float32Array(2 * dimensions));
      tensor(graph, 'last_axis', INT64, [1], new BigInt64Array([-1n]));
      for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) valueInfo(graph, 11, name, INT64, ['batch', 'sequence']);
      valueInfo(graph, 12, 'last_hidden_state', FLOAT, ['batch', 'sequence', dimensions]);
    })
    .bytes();
}

function node(graph: ProtoWriter, opType: string, inputs: string[], outputs: string[], intAttributes: Record<string, number> = {}): void {
  graph.message(1, (n) => {
    inputs.forEach((input) => n.string(1, input));
    outputs.forEach((output) => n.string(2, output));
    n.string(3, `${opType}_${outputs[0]}`).string(4, opType);
    for (const [name, value] of Object.entries(intAttributes))
      n.message(5, (attribute) => attribute.string(1, name).int(3, value).int(20, 2));
  });
}

function tensor(graph: ProtoWriter, name: string, dataType: number, dims: number[], data: Float32Array | BigInt64Array): void {
  graph.message(5, (t) => {
    dims.forEach((dim) => t.int(1, dim));
    t.int(2, dataType)
      .string(8, name)
      .bytesField(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
}

function valueInfo(graph: ProtoWriter, field: number, name: string, elemType: number, shape: (string | number)[]): void {
  graph.message(field, (info) =>
    info
      .string(1, name)
      .message(2, (type) =>
        type.message(1, (tensorType) =>
          tensorType
            .int(1, elemType)
            .message(2, (dims) =>
              shape.forEach((dim) => dims.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)))),
            ),
        ),
      ),
  );
}
