/**
 * Bytes to text for the XML parser, chunk by chunk. The encoding comes from a byte order
 * mark or the XML declaration in the first bytes (XML 1.0, appendix F); UTF-8 is the default.
 * Files declared ISO-8859-1 / latin1 are decoded as windows-1252, as the WHATWG Encoding
 * Standard does: exports that say ISO-8859-1 but contain € or curly quotes then still read
 * right. UTF-16 and UTF-32 are refused with a clear message: no Dutch LAS writes them.
 */
import { isUtf8 } from 'node:buffer';
import type { EdexmlProblemCode } from './problems.js';
import type { ScanInput } from './scanner.js';

export type Decoded =
  | { text: string }
  | { refused: { code: EdexmlProblemCode; message: string; /** newlines in the text before the bad byte */ linesInto: number } };

/** How far into the file the XML declaration must have ended. */
const DECLARATION_WINDOW = 1024;

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
const SINGLE_BYTE_LABELS = new Map([
  ['iso-8859-1', 'windows-1252'], ['iso8859-1', 'windows-1252'], ['iso_8859-1', 'windows-1252'], ['latin1', 'windows-1252'],
  ['latin-1', 'windows-1252'], ['l1', 'windows-1252'], ['windows-1252', 'windows-1252'], ['cp1252', 'windows-1252'],
  ['iso-8859-15', 'iso-8859-15'], ['latin9', 'iso-8859-15'],
]);

export class XmlByteDecoder {
  private head: Uint8Array | null = new Uint8Array(0);
  private decoder: TextDecoder | null = null;

  decode(chunk: Uint8Array): Decoded {
    if (this.decoder !== null) return this.run(chunk, true);
    const head = concat(this.head!, chunk);
    const choice = chooseEncoding(head, false);
    if (choice === 'undecided') {
      this.head = head;
      return { text: '' };
    }
    return this.start(choice, head);
  }

  /** At the end of the input: decode what is left. */
  flush(): Decoded {
    if (this.decoder === null) {
      const head = this.head!;
      const choice = chooseEncoding(head, true);
      return choice === 'undecided' ? { text: '' } : this.start(choice, head, false);
    }
    return this.run(new Uint8Array(0), false);
  }

  private start(choice: Exclude<ReturnType<typeof chooseEncoding>, 'undecided'>, head: Uint8Array, stream = true): Decoded {
    this.head = null;
    if ('refused' in choice) return { refused: { code: 'edexml.encoding_unsupported', message: choice.refused, linesInto: 0 } };
    // fatal: bytes that are not UTF-8 are an error, not a silent U+FFFD in a pupil's name.
    this.decoder = new TextDecoder(choice.encoding, { fatal: choice.encoding === 'utf-8' });
    return this.run(head, stream);
  }

  private run(bytes: Uint8Array, stream: boolean): Decoded {
    try {
      return { text: this.decoder!.decode(bytes, { stream }) };
    } catch {
      const lenient = new TextDecoder('utf-8').decode(bytes);
      const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
      return {
        refused: {
          code: 'edexml.encoding_invalid',
          message: 'het bestand is UTF-8 volgens de XML-declaratie (of omdat die niets anders zegt), maar bevat hier bytes die geen geldige UTF-8 zijn. '
            + 'Is het bestand misschien als ISO-8859-1 opgeslagen? Zet dan encoding="ISO-8859-1" in de XML-declaratie, of laat het LAS UTF-8 maken.',
          linesInto: before.split('\n').length - 1,
        },
      };
    }
  }
}

/**
 * The whole file at once, for the fast scanner, when decoding is sure to succeed: UTF-8 that
 * validates (checked natively, far faster than decoding with fatal: true) is handed over as
 * bytes; a single-byte encoding is decoded. Null when the chunked decoder must say what is
 * wrong (bytes that are not UTF-8, an encoding that is refused).
 */
export function wholeDocument(bytes: Buffer): ScanInput | null {
  const choice = chooseEncoding(bytes, true);
  if (choice === 'undecided' || 'refused' in choice) return null;
  if (choice.encoding !== 'utf-8') {
    // Decoded as a stream, as XmlByteDecoder does: Node 20's one-shot decode() takes a latin1
    // shortcut for windows-1252 that gets its € and curly quotes wrong.
    const decoder = new TextDecoder(choice.encoding);
    return { text: decoder.decode(bytes, { stream: true }) + decoder.decode() };
  }
  if (!isUtf8(bytes)) return null;
  // TextDecoder drops a byte order mark; so does this.
  return { utf8: startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Encoding from the byte order mark or the declaration; 'undecided' until enough bytes arrived. */
function chooseEncoding(head: Uint8Array, atEnd: boolean): 'undecided' | { encoding: string } | { refused: string } {
  if (head.length < 4 && !atEnd) return 'undecided';
  const wide = 'het bestand is in UTF-16 of UTF-32 opgeslagen; dat wordt niet ondersteund. Sla het op als UTF-8 (of ISO-8859-1) en probeer het opnieuw.';
  if (startsWith(head, [0xfe, 0xff]) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0, 0x3c]) || startsWith(head, [0x3c, 0])
    || startsWith(head, [0, 0, 0xfe, 0xff])) return { refused: wide };
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const declarationStart = [0x3c, 0x3f, 0x78, 0x6d, 0x6c]; // "<?xml"
  const mayBeDeclaration = declarationStart.every((byte, i) => head.length <= bom + i || head[bom + i] === byte);
  if (!mayBeDeclaration) return { encoding: 'utf-8' };
  const window = String.fromCharCode(...head.subarray(0, Math.min(head.length, DECLARATION_WINDOW)));
  const end = window.indexOf('?>');
  if (end < 0 && !atEnd && head.length < DECLARATION_WINDOW) return 'undecided';
  const declared = /\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(end < 0 ? window : window.slice(0, end))?.[1].toLowerCase();
  if (declared === undefined || UTF8_LABELS.has(declared)) return { encoding: 'utf-8' };
  const single = SINGLE_BYTE_LABELS.get(declared);
  if (bom > 0) {
    return { refused: `het bestand begint met een UTF-8-bytevolgordemarkering, maar de XML-declaratie noemt encoding="${declared}". Die twee spreken elkaar tegen.` };
  }
  if (single !== undefined) return { encoding: single };
  if (declared.startsWith('utf-16') || declared.startsWith('utf-32') || declared === 'ucs-2') return { refused: wide };
  return { refused: `de tekenset "${declared}" uit de XML-declaratie wordt niet ondersteund; gebruik UTF-8 of ISO-8859-1.` };
}
