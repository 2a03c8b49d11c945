/**
 * The little XML this protocol needs: escaping for what we write, and a safe reader for what
 * we receive (both the client reading responses and the sandbox reading requests).
 * The reader refuses any DOCTYPE, so no external entity, no entity expansion and no DTD
 * tricks can reach us (XXE, billion laughs); saxes itself only knows the five predefined
 * entities and character references.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** An element with its namespace, local name, attributes (by local name), children and text. */
export interface XmlElement {
  ns: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlRefused extends Error {
  override readonly name = 'XmlRefused';
}

/** Largest message either side reads: a batch of many thousands of entries fits easily. */
export const MAX_XML_BYTES = 16 * 1024 * 1024;

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Control characters other than tab/newline/CR are not allowed in XML 1.0 at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** Parses a whole document; throws XmlRefused for a DOCTYPE, malformed XML or an oversized text. */
export function parseXml(text: string): XmlElement {
  if (Buffer.byteLength(text, 'utf8') > MAX_XML_BYTES) throw new XmlRefused('Het XML-bericht is te groot.');
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('doctype', () => {
    failure ??= new XmlRefused('Een DOCTYPE is niet toegestaan in dit bericht.');
  });
  parser.on('error', (error) => {
    failure ??= new XmlRefused(`Ongeldige XML: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') attributes[attribute.local] = attribute.value;
    }
    const element: XmlElement = { ns: tag.uri, name: tag.local, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (value) => {
    const current = stack[stack.length - 1];
    if (current) current.text += value;
  });
  parser.on('cdata', (value) => {
    const current = stack[stack.length - 1];
    if (current) current.text += value;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    // Stop before the parser reads past a DOCTYPE: the handler above marks it, we throw here.
    parser.write(text);
    if (failure) throw failure;
    parser.close();
  } catch (error) {
    throw failure ?? (error instanceof XmlRefused ? error : new XmlRefused(`Ongeldige XML: ${(error as Error).message}`));
  }
  if (failure) throw failure;
  if (!root) throw new XmlRefused('Het bericht bevat geen XML-element.');
  return root;
}

/** The first child with this namespace and local name (namespace '*' matches any). */
export function child(element: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name && (ns === '*' || candidate.ns === ns));
}

export function childrenNamed(element: XmlElement | undefined, ns: string, name: string): XmlElement[] {
  return element ? element.children.filter((candidate) => candidate.name === name && (ns === '*' || candidate.ns === ns)) : [];
}

/** Trimmed text of a child, or undefined when the child is absent. */
export function childText(element: XmlElement | undefined, ns: string, name: string): string | undefined {
  const found = child(element, ns, name);
  return found === undefined ? undefined : found.text.trim();
}
