/**
 * Checks the element stream against the schema as it goes by: every child against its
 * parent's content model, every attribute, every simple value, and what is still missing
 * when an element closes. One stack frame per open element; nothing of the file is kept
 * beyond that and what the roster builder captures.
 */
import { recordNoun } from './identity.js';
import type { ProblemLog, ProblemPlace } from './problems.js';
import type { RosterBuilder } from './roster-builder.js';
import { edexRoot } from './schema.js';
import type { ComplexContent, ElementDecl, SimpleContent } from './schema-types.js';
import { describeMissing, valueProblem } from './wording.js';
import { attributeValue, XMLNS_NAMESPACE, XSI_NAMESPACE, type OpenTag, type XmlEvents } from './xml-tags.js';

/** xsi attributes every element may carry. */
const XSI_ANYWHERE = new Set(['schemaLocation', 'noNamespaceSchemaLocation']);

/** Anything but XML whitespace (not \S: a no-break space is text, not whitespace). */
function hasNonWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return true;
  }
  return false;
}

/**
 * One open element. Frames are kept per depth and reused (a 5,000-pupil file opens some
 * 150,000 elements), so every field is reset in push().
 */
interface Frame {
  decl: ElementDecl;
  content: SimpleContent | ComplexContent;
  line: number;
  key: string | null;
  state: number;
  text: string;
  textReported: boolean;
  /**
   * Children that may occur once and were accepted here (to tell a repeated child from a
   * misplaced one): the first `acceptedCount` entries. Bounded by the schema, since such a
   * child is never accepted twice.
   */
  readonly accepted: string[];
  acceptedCount: number;
  /** Known children refused here: a refused child is not reported missing as well. */
  refused: Set<string> | null;
  /** Required children found absent when a later child came (ContentModel.skipTo). */
  jumped: { alternatives: string[]; before: string }[] | null;
}

export class StructureWalker implements XmlEvents {
  private readonly frames: Frame[] = [];
  private depth = 0;
  /** Depth inside a refused or extension subtree that is read past unchecked. */
  private skipDepth = 0;
  /** The valid declared attributes of the element being opened; handed to the builder, never kept. */
  private readonly valid = new Map<string, string>();

  constructor(private readonly log: ProblemLog, private readonly builder: RosterBuilder) {}

  private top(): Frame | undefined {
    return this.depth === 0 ? undefined : this.frames[this.depth - 1];
  }

  /** Answers false when the file is not EDEXML at all and reading should stop. */
  open(tag: OpenTag, line: number): boolean {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return true;
    }
    const parent = this.top();
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
  private childDecl(parent: Frame, tag: OpenTag, line: number): ElementDecl | null {
    const content = parent.content;
    if (content.kind === 'simple' || content.model === null) {
      const holds = content.kind === 'simple' ? 'bevat alleen tekst' : 'moet leeg zijn';
      this.log.error('edexml.unexpected_element', `<${tag.name}> mag niet binnen ${this.describe(parent)} staan: <${parent.decl.name}> ${holds}.`,
        { line, element: tag.name, key: this.nearestKey() });
      return null;
    }
    const model = content.model;
    // EDEXML elements have no namespace: <groep xmlns="urn:x"> is not a <groep>.
    const name = tag.uri === '' ? tag.local : tag.name;
    const accepted = tag.uri === '' ? model.transition(parent.state, name) : undefined;
    if (accepted !== undefined) {
      parent.state = accepted.to;
      if (!accepted.repeatable) parent.accepted[parent.acceptedCount++] = name;
      return accepted.decl;
    }
    if (content.openTail && model.isComplete(parent.state)) return null;
    const place = { line, element: tag.name, key: this.nearestKey() };
    const known = tag.uri === '' && model.children.has(name);
    const where = this.describe(parent);
    const jump = known ? model.skipTo(parent.state, name) : null;
    if (jump !== null) {
      // Something required is missing before this child: say so once, at the end, and read on.
      parent.state = jump.state;
      if (!model.repeatable(name)) parent.accepted[parent.acceptedCount++] = name;
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
    } else if (parent.accepted.slice(0, parent.acceptedCount).includes(name)) {
      const why = name === 'groep' && parent.decl.name === 'leerling' ? ': een leerling heeft hoogstens één stamgroep' : '';
      this.log.error('edexml.repeated_element', `<${name}> komt meer dan één keer voor in ${where}${why}.`, place);
    } else {
      const expected = model.expected(parent.state).map((n) => `<${n}>`);
      const hint = expected.length > 0 ? `op deze plek mag alleen ${expected.join(', ')} staan` : 'hier mag geen element meer volgen';
      this.log.error('edexml.unexpected_element', `<${name}> staat op de verkeerde plaats in ${where}; ${hint}.`, place);
    }
    return null;
  }

  private push(decl: ElementDecl, tag: OpenTag, line: number): void {
    let content = decl.content;
    const attributes = this.attributes(decl, tag, line);
    if (content.kind === 'complex') {
      for (const name of content.requiredAttributes) {
        if (!attributes.has(name) && attributeValue(tag, name) === undefined) {
          this.log.error('edexml.required_attribute', `${this.label(decl, undefined)} mist het verplichte attribuut '${name}'.`, this.place(decl, tag, line));
        }
      }
      if (content.extension) content = this.extensionContent(decl, tag, line, content);
    }
    let frame = this.frames[this.depth];
    if (frame === undefined) {
      frame = { decl, content, line, key: null, state: 0, text: '', textReported: false, accepted: [], acceptedCount: 0, refused: null, jumped: null };
      this.frames.push(frame);
    }
    frame.decl = decl;
    frame.content = content;
    frame.line = line;
    frame.key = attributes.get('key') ?? null;
    frame.state = 0;
    frame.text = '';
    frame.textReported = false;
    frame.acceptedCount = 0;
    frame.refused = null;
    frame.jumped = null;
    this.depth++;
    const capture = decl.capture?.to;
    if (capture === 'record' || capture === 'reference') this.builder.open(decl, attributes, line);
  }

  /** The element's valid declared attributes; xsi and namespace attributes are checked, not kept. */
  private attributes(decl: ElementDecl, tag: OpenTag, line: number): ReadonlyMap<string, string> {
    const content = decl.content;
    const valid = this.valid;
    if (valid.size > 0) valid.clear();
    for (const attribute of tag.attributes) {
      if (attribute.uri === XMLNS_NAMESPACE) continue;
      if (attribute.uri === XSI_NAMESPACE
        && (XSI_ANYWHERE.has(attribute.local) || (attribute.local === 'type' && content.kind === 'complex' && content.extension))) continue;
      const declared = attribute.uri === '' && content.kind === 'complex' ? content.attributes.get(attribute.local) : undefined;
      if (declared === undefined) {
        this.log.error('edexml.unexpected_attribute', `${this.label(decl, attributeValue(tag, 'key'))} heeft een attribuut '${attribute.name}' dat daar niet hoort.`,
          this.place(decl, tag, line));
      } else if (declared.type.parse(attribute.value) === null) {
        this.log.error('edexml.invalid_value',
          `attribuut '${attribute.local}' van ${this.label(decl, attributeValue(tag, 'key'))} ${valueProblem(attribute.value, declared.type)}.`,
          this.place(decl, tag, line));
      } else {
        valid.set(attribute.local, attribute.value);
      }
    }
    return valid;
  }

  /** Where a problem with this element's start tag is: a record names its own key. */
  private place(decl: ElementDecl, tag: OpenTag, line: number): ProblemPlace {
    return { line, element: decl.name, key: decl.capture?.to === 'record' ? attributeValue(tag, 'key') ?? null : this.nearestKey() };
  }

  /** <blok>: the abstract ToevoegingsBlokType needs xsi:type to say what it holds. */
  private extensionContent(decl: ElementDecl, tag: OpenTag, line: number, content: ComplexContent): ComplexContent {
    const extension = content.extension!;
    const xsiType = tag.attributes.find((attribute) => attribute.uri === XSI_NAMESPACE && attribute.local === 'type')?.value;
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
    const frame = this.top();
    if (frame === undefined) return;
    if (frame.content.kind === 'simple') {
      frame.text += text;
    } else if (!frame.textReported && hasNonWhitespace(text)) {
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
    const frame = this.frames[this.depth - 1];
    const content = frame.content;
    if (content.kind === 'simple') {
      const value = content.type.parse(frame.text);
      if (value === null) {
        this.log.error('edexml.invalid_value', `${this.describe(frame)} ${valueProblem(frame.text, content.type)}.`,
          { line: frame.line, element: frame.decl.name, key: this.nearestKey() });
      } else if (frame.decl.capture !== undefined) {
        this.builder.value(frame.decl, value);
      }
    } else if (content.model !== null && (frame.jumped !== null || !content.model.isComplete(frame.state))) {
      const absent = [...(frame.jumped ?? []).map((step) => step.alternatives), ...content.model.missing(frame.state)];
      const steps = absent.filter((step) => !step.some((name) => frame.refused?.has(name)));
      if (steps.length > 0) {
        this.log.error('edexml.required_element', `${this.describe(frame)} mist ${describeMissing(steps)}.`,
          { line: frame.line, element: steps[0][0], key: this.nearestKey() });
      }
    }
    this.depth--;
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
    for (let i = this.depth - 1; i >= 0; i--) {
      const capture = this.frames[i].decl.capture;
      if (capture?.to === 'record') {
        const key = this.frames[i].key;
        return ` (in ${recordNoun(capture.record)}${key === null ? '' : ` met key '${key}'`})`;
      }
    }
    return '';
  }

  private nearestKey(): string | null {
    for (let i = this.depth - 1; i >= 0; i--) {
      if (this.frames[i].decl.capture?.to === 'record') return this.frames[i].key;
    }
    return null;
  }
}
