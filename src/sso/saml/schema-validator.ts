/**
 * samlify's schema check (SAML 2.0 protocol XSD, with the assertion, XML-DSig and XML-Enc
 * schemas it imports) through libxml2-wasm, compiled once per process. The XSD texts are the
 * ones @authenio/samlify-node-xmllint ships; its own validator runs node-xmllint, which starts a
 * fresh emscripten runtime for every message (≈70 ms) and leaves a process listener holding that
 * runtime behind each time (≈1.4 MB per message): unusable for an IdP that never restarts.
 * The schemas resolve their imports from memory (`saml-xsd:/…`); nothing is fetched. Messages
 * are parsed without entity substitution or DTD loading, after xml.ts has refused any DOCTYPE.
 */
import { createRequire } from 'node:module';
import { XmlBufferInputProvider, XmlDocument, xmlRegisterInputProvider, XsdValidator } from 'libxml2-wasm';

const SCHEMA_FILES = ['saml-schema-protocol-2.0.xsd', 'saml-schema-assertion-2.0.xsd', 'xmldsig-core-schema.xsd', 'xenc-schema.xsd'];
const PREFIX = 'saml-xsd:/';

let validator: XsdValidator | null = null;

function compile(): XsdValidator {
  const require = createRequire(import.meta.url);
  const files: Record<string, Uint8Array> = {};
  for (const name of SCHEMA_FILES) {
    const text = (require(`@authenio/samlify-node-xmllint/build/schemas/${name}.js`) as { default: string }).default;
    files[`${PREFIX}${name}`] = Buffer.from(text, 'utf8');
  }
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  const root = XmlDocument.fromBuffer(files[`${PREFIX}${SCHEMA_FILES[0]}`], { url: `${PREFIX}${SCHEMA_FILES[0]}` });
  try {
    return XsdValidator.fromDoc(root);
  } finally {
    root.dispose();
  }
}

/** The object samlify.setSchemaValidator expects: resolves for a valid SAML message, rejects otherwise. */
export const samlSchemaValidator = {
  async validate(xml: string): Promise<string> {
    validator ??= compile();
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromString(xml);
    } catch {
      throw new Error('ERR_EXCEPTION_VALIDATE_XML');
    }
    try {
      validator.validate(doc);
      return 'SUCCESS_VALIDATE_XML';
    } catch {
      throw new Error('ERR_EXCEPTION_VALIDATE_XML');
    } finally {
      doc.dispose();
    }
  },
};
