/**
 * Everything SAML reads from outside (AuthnRequests, LogoutRequests, SP metadata) passes here
 * first. A DOCTYPE is refused outright: SAML messages never need one (SAML 2.0 Bindings §3.4.4
 * / §3.5.4 carry a bare element) and it is the door for external entities and entity expansion
 * (XXE, "billion laughs"). samlify's XML parser treats parse errors as fatal and its schema
 * check runs through libxml2 (schema-validator.ts), so a message must also be valid SAML.
 */
import { inflateRawSync } from 'node:zlib';
import samlify from 'samlify';
import { samlSchemaValidator } from './schema-validator.js';
import { AppError } from '../../lib/errors.js';

let validatorSet = false;

/** Once per process: samlify refuses every message until a schema validator is set. */
export function useSchemaValidator(): void {
  if (validatorSet) return;
  samlify.setSchemaValidator(samlSchemaValidator);
  validatorSet = true;
}

const MAX_XML_BYTES = 256 * 1024;

export function refuseUnsafeXml(xml: string): string {
  if (xml.length > MAX_XML_BYTES) throw new AppError('saml.message_invalid', { reason: 'te groot' });
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AppError('saml.message_invalid', { reason: 'DOCTYPE of entiteiten zijn niet toegestaan' });
  return xml;
}

/** The XML of an HTTP-Redirect message (deflated, base64; SAML Bindings §3.4.4.1). */
export function decodeRedirectMessage(value: string): string {
  try {
    const raw = inflateRawSync(Buffer.from(value, 'base64'), { maxOutputLength: MAX_XML_BYTES + 1 });
    return refuseUnsafeXml(raw.toString('utf8'));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('saml.message_invalid', { reason: 'niet te decoderen' });
  }
}

/** The XML of an HTTP-POST message (base64; SAML Bindings §3.5.4). */
export function decodePostMessage(value: string): string {
  return refuseUnsafeXml(Buffer.from(value, 'base64').toString('utf8'));
}

/** Reads fields of a message with samlify's XXE-safe parser (parse errors are fatal there). */
export function extractFields(xml: string, fields: Array<{ key: string; localPath: string[]; attributes: string[] }>): Record<string, any> {
  refuseUnsafeXml(xml);
  try {
    return samlify.Extractor.extract(xml, fields) as Record<string, any>;
  } catch {
    throw new AppError('saml.message_invalid', { reason: 'geen geldige XML' });
  }
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
