/**
 * A fast tokenizer for the XML that LAS exports consist of: an XML declaration, elements,
 * attributes with namespace prefixes, text with the predefined entities and character
 * references, and comments. For such a document it reports exactly what saxes reports (the
 * same tags, namespaces, attribute values, text and lines), several times faster: it jumps
 * from tag to tag with indexOf instead of running a state machine per character, and it reads
 * UTF-8 as bytes (a latin1 view of the buffer), decoding only the few pieces of text that
 * hold other than ASCII — most of a file is markup, and decoding all of it is the slow part.
 *
 * It answers 'unsupported' the moment it meets anything else: a DOCTYPE, CDATA, a processing
 * instruction, a name beyond ASCII, and every well-formedness error. The reader then reads the
 * file again from the start with saxes, so unusual and broken files get saxes's checks and
 * messages unchanged. The rule that keeps this honest: the scanner may give up on a document
 * saxes accepts, never accept one saxes refuses (test/roster/edexml-scanner.test.ts compares
 * the two on mutated files).
 */
import {
  declareNamespaces, elementNamespace, EMPTY_SCOPE, NON_CHARACTER, resolveAttributes, resolveReferences, XML_DECLARATION, type RawAttribute, type Scope,
} from './scanner-rules.js';
import type { OpenTag, XmlAttribute, XmlEvents } from './xml-tags.js';

export type ScanOutcome = 'complete' | 'stopped' | 'unsupported';

const NO_ATTRIBUTES: readonly XmlAttribute[] = [];
/** Enough for every name and indentation of a real file; an odd file just gets fewer shared strings. */
const MAX_INTERNED = 4096;

const TAB = 9;
const NL = 10;
const SPACE = 32;
const DQUOTE = 34;
const AMP = 38;
const SQUOTE = 39;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQUAL = 61;
const GT = 62;
const BANG = 33;

/** Thrown inside the scanner when the document needs saxes; never leaves this module. */
class Unsupported extends Error {}

/**
 * The document to scan: decoded text, or valid UTF-8 bytes (byte order mark removed) that are
 * scanned through their latin1 view: every byte one character, positions equal to offsets.
 */
export type ScanInput = { text: string } | { utf8: Buffer };

export function scanXml(input: ScanInput, events: XmlEvents): ScanOutcome {
  let doc: string;
  let utf8: Buffer | null = null;
  if ('utf8' in input) {
    doc = input.utf8.toString('latin1');
    utf8 = input.utf8;
    // CR LF becomes LF below, which would shift the positions: decode such a file as a whole.
    if (doc.includes('\r')) {
      doc = input.utf8.toString('utf8');
      utf8 = null;
    }
  } else {
    doc = input.text;
  }
  // XML reads CR LF and a lone CR as LF everywhere (saxes does the same, character by character).
  if (doc.includes('\r')) doc = doc.replace(/\r\n?/g, '\n');
  if (doc.includes(']]>') || doc.charCodeAt(0) === 0xfeff) return 'unsupported';
  try {
    return new Scanner(doc, utf8, events).run();
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    throw error;
  }
}

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46; // 58 is ':'
const isSpace = (c: number) => c === SPACE || c === NL || c === TAB;
function unsupported(): never {
  throw new Unsupported();
}

class Scanner {
  private line = 1;
  /** Names of the open elements and the namespace scope each opened. */
  private readonly names: string[] = [];
  private readonly scopes: Scope[] = [];
  private sawRoot = false;
  private closedRoot = false;
  /** Where the colon of the name scanned last is, or -1; and that name's hash (see intern()). */
  private colon = -1;
  private hash = 0;
  /** Attributes of the start tag being read; reused from tag to tag. */
  private readonly raw: RawAttribute[] = [];
  private rawCount = 0;
  /** Strings that recur (names, indentation) by hash; see intern(). */
  private readonly interned = new Map<number, string>();
  /** The start tag handed to the events, refilled for every element (XmlEvents.open keeps nothing of it). */
  private readonly tag: { -readonly [K in keyof OpenTag]: OpenTag[K] } = { name: '', local: '', uri: '', attributes: NO_ATTRIBUTES };

  /** `utf8`: the bytes `doc` is the latin1 view of, or null when `doc` is decoded text. */
  constructor(private readonly doc: string, private readonly utf8: Buffer | null, private readonly events: XmlEvents) {}

  /**
   * Checks the characters of doc[from, to) and counts its lines; answers whether any is beyond
   * ASCII. Controls other than tab and newline are not XML (CR is gone by now).
   */
  private checkCharacters(from: number, to: number): boolean {
    const doc = this.doc;
    let beyondAscii = false;
    for (let i = from; i < to; i++) {
      const c = doc.charCodeAt(i);
      if (c < SPACE) {
        if (c === NL) this.line++;
        else if (c !== TAB) unsupported();
      } else if (c >= 0x80) {
        beyondAscii = true;
      }
    }
    return beyondAscii;
  }

  /** doc[from, to) as text: decoded from the bytes when it holds more than ASCII. */
  private textOf(from: number, to: number, beyondAscii: boolean): string {
    if (!beyondAscii) return this.doc.slice(from, to);
    const text = this.utf8 === null ? this.doc.slice(from, to) : this.utf8.toString('utf8', from, to);
    if (NON_CHARACTER.test(text)) unsupported();
    return text;
  }

  /**
   * doc[from, to) as one shared string per distinct value, `hash` being its hash. Element names
   * and the indentation between elements recur thousands of times: sharing them saves the
   * allocations, and the walker's lookups by name reuse the hash V8 keeps in the string.
   */
  private intern(from: number, to: number, hash: number): string {
    const doc = this.doc;
    const known = this.interned.get(hash);
    if (known !== undefined && known.length === to - from && doc.startsWith(known, from)) return known;
    const text = doc.slice(from, to);
    if (known === undefined && this.interned.size < MAX_INTERNED) this.interned.set(hash, text);
    return text;
  }

  run(): ScanOutcome {
    const doc = this.doc;
    let pos = 0;
    if (doc.startsWith('<?xml')) {
      const declaration = XML_DECLARATION.exec(doc) ?? unsupported();
      pos = this.countLines(0, declaration[0].length);
    }
    for (;;) {
      const lt = doc.indexOf('<', pos);
      const end = lt < 0 ? doc.length : lt;
      if (end > pos) this.text(pos, end);
      if (lt < 0) break;
      const next = doc.charCodeAt(lt + 1);
      if (next === SLASH) pos = this.closeTag(lt);
      else if (next === BANG) pos = this.comment(lt);
      else pos = this.openTag(lt);
      if (pos < 0) return 'stopped';
    }
    if (!this.sawRoot || this.names.length > 0) unsupported();
    return 'complete';
  }

  /** Counts the newlines in doc[from, to); answers `to`. */
  private countLines(from: number, to: number): number {
    const doc = this.doc;
    for (let i = doc.indexOf('\n', from); i >= 0 && i < to; i = doc.indexOf('\n', i + 1)) this.line++;
    return to;
  }

  private skipSpaces(from: number): number {
    const doc = this.doc;
    let p = from;
    for (let c = doc.charCodeAt(p); isSpace(c); c = doc.charCodeAt(++p)) if (c === NL) this.line++;
    return p;
  }

  /** The end of a (qualified) ASCII name starting at `from`; sets `colon`. */
  private name(from: number): number {
    const doc = this.doc;
    if (!isNameStart(doc.charCodeAt(from))) unsupported();
    let p = from + 1;
    let hash = doc.charCodeAt(from);
    this.colon = -1;
    for (let c = doc.charCodeAt(p); isNameChar(c); c = doc.charCodeAt(++p)) {
      hash = (Math.imul(hash, 31) + c) | 0;
      if (c !== COLON) continue;
      // One colon, between a prefix and a local name that both start like a name.
      if (this.colon >= 0 || !isNameStart(doc.charCodeAt(p + 1))) unsupported();
      this.colon = p;
    }
    if (doc.charCodeAt(p) >= 0x80) unsupported(); // might continue the name in saxes
    this.hash = hash;
    return p;
  }

  private text(from: number, to: number): void {
    const doc = this.doc;
    // Most text between tags is indentation: counted, hashed and checked in one go; a value
    // is checked on from where its indentation (if any) ends.
    let hash = 0;
    let lines = 0;
    let i = from;
    for (; i < to; i++) {
      const c = doc.charCodeAt(i);
      if (c === NL) lines++;
      else if (c !== TAB && c !== SPACE) break;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (i === to) {
      this.line += lines;
      if (this.names.length > 0) this.events.text(this.intern(from, to, hash));
      return;
    }
    if (this.names.length === 0) unsupported(); // outside the root element only whitespace may stand
    // The rest of a value: lines, references and characters beyond ASCII in the same pass.
    let beyondAscii = false;
    let reference = false;
    for (; i < to; i++) {
      const c = doc.charCodeAt(i);
      if (c < SPACE) {
        if (c === NL) lines++;
        else if (c !== TAB) unsupported();
      } else if (c === AMP) {
        reference = true;
      } else if (c >= 0x80) {
        beyondAscii = true;
      }
    }
    this.line += lines;
    const raw = this.textOf(from, to, beyondAscii);
    this.events.text(reference ? (resolveReferences(raw) ?? unsupported()) : raw);
  }

  private comment(lt: number): number {
    const doc = this.doc;
    if (!doc.startsWith('<!--', lt)) unsupported(); // CDATA or DOCTYPE
    const end = doc.indexOf('-->', lt + 4);
    // "--" inside a comment, or "--->", is malformed.
    if (end < 0 || doc.indexOf('--', lt + 4) !== end) unsupported();
    // Nobody reads a comment, but it may hold only XML characters all the same.
    this.textOf(lt + 4, end, this.checkCharacters(lt + 4, end));
    return end + 3;
  }

  private closeTag(lt: number): number {
    const doc = this.doc;
    const depth = this.names.length;
    if (depth === 0) unsupported();
    const name = this.names[depth - 1];
    // The open element's name, then (after optional whitespace) '>'.
    if (!doc.startsWith(name, lt + 2)) unsupported();
    const gt = this.skipSpaces(lt + 2 + name.length);
    if (doc.charCodeAt(gt) !== GT) unsupported();
    this.names.pop();
    this.scopes.pop();
    this.events.close();
    if (depth === 1) this.closedRoot = true;
    return gt + 1;
  }

  /** Answers the position after the tag, or -1 when the events say stop. */
  private openTag(lt: number): number {
    const doc = this.doc;
    if (this.closedRoot) unsupported();
    let p = this.name(lt + 1);
    const name = this.intern(lt + 1, p, this.hash);
    const colon = this.colon < 0 ? -1 : this.colon - (lt + 1);
    // saxes reports a start tag where its name ends, so after a newline that ends the name.
    const line = doc.charCodeAt(p) === NL ? this.line + 1 : this.line;
    this.rawCount = 0;
    let selfClosing = false;
    for (;;) {
      const before = p;
      p = this.skipSpaces(p);
      const c = doc.charCodeAt(p);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH) {
        if (doc.charCodeAt(p + 1) !== GT) unsupported();
        p += 2;
        selfClosing = true;
        break;
      }
      if (p === before) unsupported(); // attributes are separated by whitespace
      p = this.attribute(p);
    }
    const raw = this.raw;
    const count = this.rawCount;
    const parentScope = this.scopes[this.scopes.length - 1] ?? EMPTY_SCOPE;
    const scope = count === 0 ? parentScope : (declareNamespaces(raw, count, parentScope) ?? unsupported());
    const tag = this.tag;
    tag.name = name;
    tag.local = colon < 0 ? name : name.slice(colon + 1);
    tag.uri = elementNamespace(name, colon, scope) ?? unsupported();
    tag.attributes = count === 0 ? NO_ATTRIBUTES : (resolveAttributes(raw, count, scope) ?? unsupported());
    this.sawRoot = true;
    if (!this.events.open(tag, line)) return -1;
    if (selfClosing) {
      this.events.close();
      if (this.names.length === 0) this.closedRoot = true;
    } else {
      this.names.push(name);
      this.scopes.push(scope);
    }
    return p;
  }

  /** Reads name="value" at `from` into `raw`; answers the position after the closing quote. */
  private attribute(from: number): number {
    const doc = this.doc;
    const nameEnd = this.name(from);
    const colon = this.colon < 0 ? -1 : this.colon - from;
    const nameHash = this.hash;
    let p = this.skipSpaces(nameEnd);
    if (doc.charCodeAt(p) !== EQUAL) unsupported();
    p = this.skipSpaces(p + 1);
    const quote = doc.charCodeAt(p);
    if (quote !== DQUOTE && quote !== SQUOTE) unsupported();
    const close = doc.indexOf(quote === DQUOTE ? '"' : "'", p + 1);
    if (close < 0) unsupported();
    let whitespace = false;
    let reference = false;
    let beyondAscii = false;
    for (let i = p + 1; i < close; i++) {
      const c = doc.charCodeAt(i);
      if (c < SPACE) {
        if (c === NL) this.line++;
        else if (c !== TAB) unsupported();
        whitespace = true;
      } else if (c === LT) {
        unsupported();
      } else if (c === AMP) {
        reference = true;
      } else if (c >= 0x80) {
        beyondAscii = true;
      }
    }
    // Attribute-value normalisation: a literal tab or newline reads as a space; references are resolved after.
    let value = this.textOf(p + 1, close, beyondAscii);
    if (whitespace) value = value.replace(/[\t\n]/g, ' ');
    if (reference) value = resolveReferences(value) ?? unsupported();
    const slot = this.raw[this.rawCount];
    const name = this.intern(from, nameEnd, nameHash);
    if (slot === undefined) {
      this.raw.push({ name, colon, value });
    } else {
      slot.name = name;
      slot.colon = colon;
      slot.value = value;
    }
    this.rawCount++;
    return close + 1;
  }
}
