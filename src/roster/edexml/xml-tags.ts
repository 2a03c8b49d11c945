/**
 * What the schema walker sees of the XML: start tags with their namespace-resolved names and
 * attributes, text, and end tags. Both tokenizers (the fast scanner and saxes) report in
 * these terms, so one walker serves both.
 */
import type { SaxesTagNS } from 'saxes';

export interface XmlAttribute {
  /** As written, with its prefix (e.g. "xsi:type"). */
  readonly name: string;
  readonly local: string;
  /** Namespace URI; '' for an attribute without prefix. */
  readonly uri: string;
  readonly value: string;
}

export interface OpenTag {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  /** In the order of the file. */
  readonly attributes: readonly XmlAttribute[];
}

/** The receiving end of a tokenizer. */
export interface XmlEvents {
  /**
   * `line`: where the start tag is; answers false when reading must stop. The tag is only
   * valid during the call: a tokenizer may refill the same object for the next element.
   */
  open(tag: OpenTag, line: number): boolean;
  text(text: string): void;
  close(): void;
}

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

export function fromSaxes(tag: SaxesTagNS): OpenTag {
  const attributes = Object.values(tag.attributes).map(({ name, local, uri, value }) => ({ name, local, uri, value }));
  return { name: tag.name, local: tag.local, uri: tag.uri, attributes };
}

/** The value of the attribute written as `name`, if the tag has one. */
export function attributeValue(tag: OpenTag, name: string): string | undefined {
  for (const attribute of tag.attributes) if (attribute.name === name) return attribute.value;
  return undefined;
}
