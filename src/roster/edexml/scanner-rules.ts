/**
 * What the fast scanner (scanner.ts) accepts besides tags and text: the XML declaration,
 * entity and character references, and namespaces. Each answers null for anything it leaves to
 * saxes: whatever saxes refuses, and some rare things saxes accepts (reserved prefixes, URIs
 * with surrounding whitespace, long character references).
 */
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute } from './xml-tags.js';

const S = '[ \\t\\n]';
const quoted = (value: string) => `(?:"${value}"|'${value}')`;
/** Only XML 1.0, and only the forms saxes accepts. */
export const XML_DECLARATION = new RegExp(
  `^<\\?xml${S}+version${S}*=${S}*${quoted('1\\.0')}(?:${S}+encoding${S}*=${S}*${quoted('[A-Za-z][A-Za-z0-9._-]*')})?`
  + `(?:${S}+standalone${S}*=${S}*${quoted('(?:yes|no)')})?${S}*\\?>`,
);

/** U+FFFE, U+FFFF and unpaired surrogates are not XML characters (the scanner checks controls itself). */
export const NON_CHARACTER = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0's Char production, for character references. */
function isXmlChar(n: number): boolean {
  return n === 9 || n === 10 || n === 13 || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** Text with &…; references resolved. */
export function resolveReferences(text: string): string | null {
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0) return null;
    const name = text.slice(amp + 1, semicolon);
    let resolved = PREDEFINED[name];
    if (resolved === undefined) {
      // saxes: "#x" with a lower-case x for hexadecimal, "#" and digits for decimal.
      const code = /^#[0-9]{1,7}$/.test(name) ? Number.parseInt(name.slice(1), 10)
        : /^#x[0-9A-Fa-f]{1,6}$/.test(name) ? Number.parseInt(name.slice(2), 16) : NaN;
      if (!isXmlChar(code)) return null;
      resolved = String.fromCodePoint(code);
    }
    out += text.slice(from, amp) + resolved;
    from = semicolon + 1;
  }
  return out + text.slice(from);
}

/** An attribute as written in a start tag, before its namespace is known. */
export interface RawAttribute {
  name: string;
  /** Index of the colon in `name`, or -1. */
  colon: number;
  value: string;
}

/** Prefix → namespace URI in scope; '' is the default namespace. */
export type Scope = ReadonlyMap<string, string>;
export const EMPTY_SCOPE: Scope = new Map();

/** Real files declare one or two prefixes; a scope is copied per declaring element, so it stays small. */
const MAX_PREFIXES = 32;

/** The scope for an element: its parent's, plus the xmlns declarations among its first `count` attributes. */
export function declareNamespaces(raw: RawAttribute[], count: number, parent: Scope): Scope | null {
  let scope: Map<string, string> | null = null;
  for (let i = 0; i < count; i++) {
    const { name, colon, value } = raw[i];
    const prefix = name === 'xmlns' ? '' : colon === 5 && name.startsWith('xmlns') ? name.slice(6) : null;
    if (prefix === null) continue;
    // Left to saxes: reserved prefixes and URIs, undeclaring a prefix, URIs with surrounding whitespace.
    if (prefix === 'xml' || prefix === 'xmlns' || value === XML_NAMESPACE || value === XMLNS_NAMESPACE) return null;
    if ((prefix !== '' && value === '') || value !== value.trim()) return null;
    if (parent.size >= MAX_PREFIXES) return null;
    (scope ??= new Map(parent)).set(prefix, value);
  }
  return scope ?? parent;
}

/** The namespace of an element name whose colon is at `colon` (or -1). */
export function elementNamespace(name: string, colon: number, scope: Scope): string | null {
  if (colon < 0) return scope.get('') ?? '';
  const prefix = name.slice(0, colon);
  if (prefix === 'xml' || prefix === 'xmlns') return null;
  return scope.get(prefix) ?? null;
}

/** Beyond this many attributes, duplicates are found with a Set instead of by comparing every pair. */
const FEW_ATTRIBUTES = 8;

/** The first `count` attributes with their namespaces; null for an unbound prefix or a duplicate. */
export function resolveAttributes(raw: RawAttribute[], count: number, scope: Scope): XmlAttribute[] | null {
  const attributes: XmlAttribute[] = [];
  // saxes compares prefixed attributes by namespace and local name, others by name.
  const expandedNames = count > FEW_ATTRIBUTES ? new Set<string>() : null;
  for (let i = 0; i < count; i++) {
    const { name, colon, value } = raw[i];
    let uri: string | undefined = '';
    let local = name;
    if (colon >= 0) {
      const prefix = name.slice(0, colon);
      uri = prefix === 'xmlns' ? XMLNS_NAMESPACE : prefix === 'xml' ? XML_NAMESPACE : scope.get(prefix);
      if (uri === undefined) return null;
      local = name.slice(colon + 1);
    } else if (name === 'xmlns') {
      uri = XMLNS_NAMESPACE;
    }
    if (expandedNames !== null) {
      const expanded = colon < 0 ? name : `{${uri}}${local}`;
      if (expandedNames.has(expanded)) return null;
      expandedNames.add(expanded);
    } else {
      for (const seen of attributes) {
        if (colon < 0 ? seen.name === name : seen.uri === uri && seen.local === local && seen.name.includes(':')) return null;
      }
    }
    attributes.push({ name, local, uri, value });
  }
  return attributes;
}
