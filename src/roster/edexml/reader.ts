/**
 * readEdexml: bytes in, a checked EdexRoster (or every problem found) out, in one streaming
 * pass. The file is never held as a DOM: a tokenizer emits elements, the walker checks them
 * against the schema, the builder keeps what Leerpoort stores.
 *
 * Two tokenizers, one result. A file given as a buffer, in an encoding it decodes without
 * error, goes through the fast scanner (scanner.ts) first. Anything the scanner does not
 * handle — a DOCTYPE, CDATA, a malformed document — makes it give up, and the whole file is
 * read again, from the start, by saxes; so is a stream. Problems, lines and the roster are the
 * same either way (test/roster/edexml-scanner.test.ts).
 *
 * Safety (XXE): a DOCTYPE is refused the moment saxes reports it, before the root element;
 * the scanner never reads one. Neither fetches anything a DOCTYPE or entity points at, and
 * entities other than XML's five predefined ones are an error, never expanded.
 */
import { SaxesParser } from 'saxes';
import { wholeDocument, XmlByteDecoder, type Decoded } from './decode.js';
import type { ReadResult } from './model.js';
import { ProblemLog } from './problems.js';
import { RosterBuilder } from './roster-builder.js';
import { scanXml } from './scanner.js';
import { StructureWalker } from './walker.js';
import { byteSize } from './wording.js';
import { syntaxProblem } from './xml-errors.js';
import { fromSaxes } from './xml-tags.js';

/** The same default as config's IMPORT_MAX_BYTES; callers pass the configured value. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Large buffers are fed in slices so a refusal (DOCTYPE, bad root) stops early. */
const SLICE_BYTES = 256 * 1024;

export interface ReadOptions {
  /** Largest file accepted, in bytes; more is refused with edexml.too_large. */
  maxBytes?: number;
  /** Hand on each pupil's BSN or onderwijsnummer as `pgn` (for the ECK iD request pipeline only). */
  personalNumbers?: boolean;
}

/** Thrown from a saxes handler to stop reading; never leaves this module. */
class StopReading extends Error {}

/** The problem log, walker and builder of one reading. */
function newReading(options: ReadOptions) {
  const log = new ProblemLog();
  const builder = new RosterBuilder(log, { personalNumbers: options.personalNumbers === true });
  return { log, builder, walker: new StructureWalker(log, builder) };
}

/** Reference checks and warnings need the whole file; a file cut short gets only its errors. */
function result({ log, builder }: ReturnType<typeof newReading>, complete: boolean): ReadResult {
  const roster = complete ? builder.finish() : null;
  const { errors, warnings } = log.finish();
  if (roster === null || errors.length > 0) return { ok: false, errors, warnings: complete ? warnings : [] };
  return { ok: true, roster, warnings };
}

export async function readEdexml(input: Buffer | AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Buffer.isBuffer(input) && input.length <= maxBytes) {
    const document = wholeDocument(input);
    if (document !== null) {
      const reading = newReading(options);
      const outcome = scanXml(document, reading.walker);
      if (outcome !== 'unsupported') return result(reading, outcome === 'complete');
    }
  }
  return readWithSaxes(input, maxBytes, options);
}

async function readWithSaxes(input: Buffer | AsyncIterable<Uint8Array>, maxBytes: number, options: ReadOptions): Promise<ReadResult> {
  const reading = newReading(options);
  const { log } = reading;
  const session = new ParseSession(log, reading.walker);
  const decoder = new XmlByteDecoder();

  let bytes = 0;
  let complete = true;
  for await (const chunk of Buffer.isBuffer(input) ? slices(input, maxBytes) : input) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      log.error('edexml.too_large', `Het bestand is groter dan de toegestane ${byteSize(maxBytes)}; er is niets ingelezen.`,
        { line: null, element: null, key: null });
      complete = false;
      break; // leaving the loop closes a stream: the rest is never read
    }
    if (!session.feed(decoder.decode(chunk))) {
      complete = false;
      break;
    }
  }
  if (complete) complete = session.feed(decoder.flush()) && session.end();
  return result(reading, complete);
}

/** A buffer in slices; a buffer over the limit yields it whole so the size check fires at once. */
function* slices(buffer: Buffer, maxBytes: number): Generator<Uint8Array> {
  if (buffer.length > maxBytes) {
    yield buffer;
    return;
  }
  for (let start = 0; start < buffer.length; start += SLICE_BYTES) yield buffer.subarray(start, start + SLICE_BYTES);
}

/** One saxes parser wired to the walker; answers false once reading must stop. */
class ParseSession {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private tagLine = 1;

  constructor(private readonly log: ProblemLog, walker: StructureWalker) {
    const parser = this.parser;
    parser.on('doctype', () => {
      log.error('edexml.doctype_refused',
        'het bestand bevat een DOCTYPE-declaratie. Leerpoort weigert die om veiligheidsredenen (er wordt niets gelezen waar die naar verwijst); een EDEXML-bestand heeft geen DOCTYPE nodig.',
        { line: parser.line, element: 'DOCTYPE', key: null });
      throw new StopReading();
    });
    parser.on('opentagstart', () => {
      this.tagLine = parser.line;
    });
    parser.on('opentag', (tag) => {
      if (!walker.open(fromSaxes(tag), this.tagLine)) throw new StopReading();
    });
    parser.on('text', (text) => walker.text(text));
    parser.on('cdata', (text) => walker.text(text));
    parser.on('closetag', () => walker.close());
  }

  feed(decoded: Decoded): boolean {
    if ('refused' in decoded) {
      const { code, message, linesInto } = decoded.refused;
      const line = code === 'edexml.encoding_invalid' ? this.parser.line + linesInto : null;
      this.log.error(code, message, { line, element: null, key: null });
      return false;
    }
    return decoded.text.length === 0 || this.guard(() => this.parser.write(decoded.text));
  }

  end(): boolean {
    return this.guard(() => this.parser.close());
  }

  private guard(step: () => void): boolean {
    try {
      step();
      return true;
    } catch (error) {
      if (error instanceof StopReading) return false;
      const problem = syntaxProblem(error);
      if (problem === null) throw error;
      this.log.error(problem.code, problem.text, { line: this.parser.line, element: null, key: null });
      return false;
    }
  }
}
