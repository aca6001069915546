// One XML parser setup for every XML source: namespaces dropped, values kept
// as strings, malformed or truncated documents rejected with their position.
import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../errors.ts';

export type XmlNode = Record<string, unknown>;

const REPEATED = new Set([
  'entry',
  'author',
  'link',
  'category',
  'record',
  'creator',
  'subject',
  'description',
  'date',
  'identifier',
  'version',
  'setSpec',
  'error',
  'title',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => REPEATED.has(name),
});

/** The parser's messages can quote the whole stack of open tags: a reader needs the start. */
const MAX_MESSAGE = 300;

export function parseXml(xml: string, what: string): XmlNode {
  try {
    return parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new AppError('invalid', `${what} is not well-formed XML: ${describeXmlError(error).slice(0, MAX_MESSAGE)}`, { cause: error });
  }
}

function describeXmlError(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s+/g, ' ').trim();
  const detail = (error as { err?: { msg?: string; line?: number; col?: number } }).err;
  return detail ? `${detail.msg} (line ${detail.line}, column ${detail.col})` : String(error);
}

/** Text of an element that may carry attributes ({"#text": ...}) or be missing. */
export function textOf(node: unknown): string | null {
  if (node == null) return null;
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && '#text' in node) return String((node as XmlNode)['#text']);
  if (typeof node === 'object') return '';
  return String(node);
}

export function firstText(node: unknown): string | null {
  return textOf(Array.isArray(node) ? node[0] : node);
}

export function listOf(node: unknown): XmlNode[] {
  if (node == null) return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

export function child(node: unknown, name: string): XmlNode | undefined {
  if (node == null || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[name];
  return (Array.isArray(value) ? value[0] : value) as XmlNode | undefined;
}

export function attr(node: unknown, name: string): string | null {
  const value = node && typeof node === 'object' ? (node as XmlNode)[`@${name}`] : undefined;
  return value == null ? null : String(value);
}
