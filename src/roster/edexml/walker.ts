/**
 * Checks the element stream against the schema as it goes by: every child against its
 * parent's content model, every attribute, every simple value, and what is still missing
 * when an element closes. One stack frame per open element; nothing of the file is kept
 * beyond that and what the roster builder captures.
 */
import type { SaxesTagNS } from 'saxes';
import { recordNoun } from './identity.js';
import type { ProblemLog, ProblemPlace } from './problems.js';
import type { RosterBuilder } from './roster-builder.js';
import { edexRoot } from './schema.js';
import type { ComplexContent, ElementDecl, SimpleContent } from './schema-types.js';
import { describeMissing, valueProblem } from './wording.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS = 'http://www.w3.org/2000/xmlns/';
/** xsi attributes every element may carry. */
const XSI_ANYWHERE = new Set(['schemaLocation', 'noNamespaceSchemaLocation']);
/** Anything but XML whitespace (not \S: a no-break space is text, not whitespace). */
const NOT_XML_WHITESPACE = /[^ \t\r\n]/;

interface Frame {
  readonly decl: ElementDecl;
  readonly content: SimpleContent | ComplexContent;
  readonly line: number;
  readonly key: string | null;
  state: number;
  text: string;
  textReported: boolean;
  /**
   * Children that may occur once and have occurred, and known children refused here (a refused
   * child is not reported missing as well); made when first needed, bounded by the schema.
   */
  seen: Set<string> | null;
  refused: Set<string> | null;
  /** Required children found absent when a later child came (ContentModel.skipTo). */
  jumped: { alternatives: string[]; before: string }[] | null;
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

export class StructureWalker {
  private readonly frames: Frame[] = [];
  /** Depth inside a refused or extension subtree that is read past unchecked. */
  private skipDepth = 0;

  constructor(private readonly log: ProblemLog, private readonly builder: RosterBuilder) {}

  /** Answers false when the file is not EDEXML at all and reading should stop. */
  open(tag: SaxesTagNS, line: number): boolean {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return true;
    }
    const parent = this.frames[this.frames.length - 1];
    if (parent === undefined) {
      if (tag.uri !== '' || tag.local !== 'EDEX') {
        this.log.error('edexml.not_edexml',
          `het hoofdelement is <${tag.name}>${tag.uri ? ` (namespace ${tag.uri})` : ''}, niet <EDEX>: dit is geen EDEXML-bestand.`,
          { line, element: tag.name, key: null });
        return false;
      }
      this.push(edexRoot, tag, line);
      return true;
    }
    const decl = this.childDecl(parent, tag, line);
    if (decl === null) this.skipDepth = 1;
    else this.push(decl, tag, line);
    return true;
  }

  /** The declaration of a child that may stand here, or null after reporting why not. */
  private childDecl(parent: Frame, tag: SaxesTagNS, line: number): ElementDecl | null {
    const place = { line, element: tag.name, key: this.nearestKey() };
    const content = parent.content;
    if (content.kind === 'simple' || content.model === null) {
      const holds = content.kind === 'simple' ? 'bevat alleen tekst' : 'moet leeg zijn';
      this.log.error('edexml.unexpected_element', `<${tag.name}> mag niet binnen ${this.describe(parent)} staan: <${parent.decl.name}> ${holds}.`, place);
      return null;
    }
    const model = content.model;
    // EDEXML elements have no namespace: <groep xmlns="urn:x"> is not a <groep>.
    const name = tag.uri === '' ? tag.local : tag.name;
    const next = tag.uri === '' ? model.step(parent.state, name) : -1;
    if (next >= 0) {
      parent.state = next;
      if (!model.repeatable(name)) (parent.seen ??= new Set()).add(name);
      return model.children.get(name)!;
    }
    if (content.openTail && model.isComplete(parent.state)) return null;
    const known = tag.uri === '' && model.children.has(name);
    const where = this.describe(parent);
    const jump = known ? model.skipTo(parent.state, name) : null;
    if (jump !== null) {
      // Something required is missing before this child: say so once, at the end, and read on.
      parent.state = jump.state;
      if (!model.repeatable(name)) (parent.seen ??= new Set()).add(name);
      (parent.jumped ??= []).push(...jump.skipped.map((alternatives) => ({ alternatives, before: name })));
      return model.children.get(name)!;
    }
    if (known) (parent.refused ??= new Set()).add(name);
    const late = known ? parent.jumped?.findIndex((step) => step.alternatives.includes(name)) ?? -1 : -1;
    if (!known) {
      this.log.error('edexml.unexpected_element', `onbekend element <${tag.name}> in ${where}.`, place);
    } else if (late >= 0) {
      const [step] = parent.jumped!.splice(late, 1);
      this.log.error('edexml.unexpected_element', `<${name}> staat op de verkeerde plaats in ${where}: het hoort vóór <${step.before}>.`, place);
    } else if (parent.seen?.has(name)) {
      const why = name === 'groep' && parent.decl.name === 'leerling' ? ': een leerling heeft hoogstens één stamgroep' : '';
      this.log.error('edexml.repeated_element', `<${name}> komt meer dan één keer voor in ${where}${why}.`, place);
    } else {
      const expected = model.expected(parent.state).map((n) => `<${n}>`);
      const hint = expected.length > 0 ? `op deze plek mag alleen ${expected.join(', ')} staan` : 'hier mag geen element meer volgen';
      this.log.error('edexml.unexpected_element', `<${name}> staat op de verkeerde plaats in ${where}; ${hint}.`, place);
    }
    return null;
  }

  private push(decl: ElementDecl, tag: SaxesTagNS, line: number): void {
    let content = decl.content;
    const attributes = this.attributes(decl, tag, line);
    if (content.kind === 'complex') {
      for (const [name, declared] of content.attributes) {
        if (declared.required && !attributes.has(name) && !(name in tag.attributes)) {
          this.log.error('edexml.required_attribute', `${this.label(decl, undefined)} mist het verplichte attribuut '${name}'.`, this.place(decl, tag, line));
        }
      }
      if (content.extension) content = this.extensionContent(decl, tag, line, content);
    }
    this.frames.push({
      decl, content, line, key: attributes.get('key') ?? null, state: 0, text: '', textReported: false, seen: null, refused: null, jumped: null,
    });
    const capture = decl.capture?.to;
    if (capture === 'record' || capture === 'reference') this.builder.open(decl, attributes, line);
  }

  /** The element's valid declared attributes; xsi and namespace attributes are checked, not kept. */
  private attributes(decl: ElementDecl, tag: SaxesTagNS, line: number): ReadonlyMap<string, string> {
    const content = decl.content;
    let attributes: Map<string, string> | null = null;
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name];
      if (attribute.uri === XMLNS) continue;
      if (attribute.uri === XSI && (XSI_ANYWHERE.has(attribute.local) || (attribute.local === 'type' && content.kind === 'complex' && content.extension))) continue;
      const declared = attribute.uri === '' && content.kind === 'complex' ? content.attributes.get(attribute.local) : undefined;
      if (declared === undefined) {
        this.log.error('edexml.unexpected_attribute', `${this.label(decl, tag.attributes.key?.value)} heeft een attribuut '${attribute.name}' dat daar niet hoort.`,
          this.place(decl, tag, line));
      } else if (declared.type.parse(attribute.value) === null) {
        this.log.error('edexml.invalid_value',
          `attribuut '${attribute.local}' van ${this.label(decl, tag.attributes.key?.value)} ${valueProblem(attribute.value, declared.type)}.`,
          this.place(decl, tag, line));
      } else {
        (attributes ??= new Map()).set(attribute.local, attribute.value);
      }
    }
    return attributes ?? NO_ATTRIBUTES;
  }

  /** Where a problem with this element's start tag is: a record names its own key. */
  private place(decl: ElementDecl, tag: SaxesTagNS, line: number): ProblemPlace {
    return { line, element: decl.name, key: decl.capture?.to === 'record' ? tag.attributes.key?.value ?? null : this.nearestKey() };
  }

  /** <blok>: the abstract ToevoegingsBlokType needs xsi:type to say what it holds. */
  private extensionContent(decl: ElementDecl, tag: SaxesTagNS, line: number, content: ComplexContent): ComplexContent {
    const extension = content.extension!;
    const xsiType = Object.values(tag.attributes).find((attribute) => attribute.uri === XSI && attribute.local === 'type')?.value;
    if (xsiType === undefined) {
      this.log.error('edexml.required_attribute', `${this.label(decl, undefined)} mist het attribuut xsi:type dat zegt wat voor blok het is.`,
        this.place(decl, tag, line));
      return extension.unknown;
    }
    if (xsiType === extension.abstractName) {
      this.log.error('edexml.invalid_value', `${this.label(decl, undefined)} heeft xsi:type '${xsiType}'; dat is een abstract type, er hoort een afgeleid type te staan.`,
        this.place(decl, tag, line));
    }
    return extension.known.get(xsiType) ?? extension.unknown;
  }

  text(text: string): void {
    if (this.skipDepth > 0) return;
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) return;
    if (frame.content.kind === 'simple') {
      frame.text += text;
    } else if (!frame.textReported && NOT_XML_WHITESPACE.test(text)) {
      frame.textReported = true;
      this.log.error('edexml.unexpected_text', `${this.describe(frame)} bevat losse tekst; daar horen alleen elementen.`,
        { line: frame.line, element: frame.decl.name, key: this.nearestKey() });
    }
  }

  close(): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const frame = this.frames[this.frames.length - 1];
    const content = frame.content;
    const place = { line: frame.line, element: frame.decl.name, key: this.nearestKey() };
    if (content.kind === 'simple') {
      const value = content.type.parse(frame.text);
      if (value === null) {
        this.log.error('edexml.invalid_value', `${this.describe(frame)} ${valueProblem(frame.text, content.type)}.`, place);
      } else if (frame.decl.capture !== undefined) {
        this.builder.value(frame.decl, value);
      }
    } else if (content.model !== null) {
      const absent = [...(frame.jumped ?? []).map((step) => step.alternatives), ...content.model.missing(frame.state)];
      const steps = absent.filter((step) => !step.some((name) => frame.refused?.has(name)));
      if (steps.length > 0) {
        this.log.error('edexml.required_element', `${this.describe(frame)} mist ${describeMissing(steps)}.`, { ...place, element: steps[0][0] });
      }
    }
    this.frames.pop();
    if (frame.decl.capture?.to === 'record') this.builder.close(frame.decl);
  }

  private describe(frame: Frame): string {
    return this.label(frame.decl, frame.key ?? undefined);
  }

  /** "<leerling> met key '00002'", or "<naam> (in groep met key '001')" for a non-record. */
  private label(decl: ElementDecl, key: string | undefined): string {
    if (decl.capture?.to === 'record') return key === undefined ? `<${decl.name}>` : `<${decl.name}> met key '${key}'`;
    return `<${decl.name}>${this.context()}`;
  }

  /** " (in leerling met key '00002')" for the nearest enclosing record, or "". */
  private context(): string {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const capture = this.frames[i].decl.capture;
      if (capture?.to === 'record') {
        const key = this.frames[i].key;
        return ` (in ${recordNoun(capture.record)}${key === null ? '' : ` met key '${key}'`})`;
      }
    }
    return '';
  }

  private nearestKey(): string | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i].decl.capture?.to === 'record') return this.frames[i].key;
    }
    return null;
  }
}
