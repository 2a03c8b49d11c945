/**
 * What the reader refuses before it reads any further: DTDs and external entities (XXE),
 * unknown entities, files over the size limit, and XML that is not well formed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkCodesAgainstCatalogue, errorsOf, fixture, lineOf, read } from './edexml-support.js';

checkCodesAgainstCatalogue();

const xml = fixture('school-2026.xml');
const withDoctype = (doctype: string, body = xml) => body.replace('<EDEX ', `${doctype}\n<EDEX `);

function hasFifoTool(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('DOCTYPE and entities (XXE)', () => {
  it('refuses a DOCTYPE whose external DTD does not exist with doctype_refused, not an I/O error', async () => {
    const body = withDoctype('<!DOCTYPE EDEX SYSTEM "/nonexistent/leerpoort/edex.dtd">');
    const result = await read(body);
    const errors = errorsOf(result);
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.element]), [['edexml.doctype_refused', lineOf(body, '<!DOCTYPE'), 'DOCTYPE']]);
    assert.match(errors[0].message, /DOCTYPE/);
    assert.deepEqual(result.warnings, []);
  });

  it('never opens the file a DOCTYPE points at', { skip: hasFifoTool() ? false : 'mkfifo is not available' }, async () => {
    // A named pipe: opening it for reading blocks until a writer comes, so a reader that
    // tried would hang here; and a writer can only open it while someone reads it.
    const dir = mkdtempSync(path.join(tmpdir(), 'leerpoort-xxe-'));
    const pipe = path.join(dir, 'edex.dtd');
    try {
      execFileSync('mkfifo', [pipe]);
      const doctype = `<!DOCTYPE EDEX SYSTEM "${pipe}" [<!ENTITY school SYSTEM "file://${pipe}">]>`;
      const result = await read(withDoctype(doctype, xml.replace('<auteur>Leerpoort testset</auteur>', '<auteur>&school;</auteur>')));
      assert.deepEqual(errorsOf(result).map((e) => e.code), ['edexml.doctype_refused']);
      assert.throws(() => closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)), { code: 'ENXIO' },
        'nobody has the DTD open for reading');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an external entity to /etc/passwd without its content appearing anywhere', async () => {
    const doctype = '<!DOCTYPE EDEX [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    const result = await read(withDoctype(doctype, xml.replace('<auteur>Leerpoort testset</auteur>', '<auteur>&xxe;</auteur>')));
    assert.deepEqual(errorsOf(result).map((e) => e.code), ['edexml.doctype_refused']);
    assert.ok(!JSON.stringify(result).includes('root:'));
  });

  it('refuses an internal entity bomb at the DOCTYPE, before any expansion', async () => {
    const bomb = '<!DOCTYPE EDEX [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const result = await read(withDoctype(bomb, xml.replace('<auteur>Leerpoort testset</auteur>', '<auteur>&c;</auteur>')));
    assert.deepEqual(errorsOf(result).map((e) => e.code), ['edexml.doctype_refused']);
  });

  it('refuses an undeclared entity reference instead of expanding it', async () => {
    const body = xml.replace('<naam>Plusklas</naam>', '<naam>Plus&klas;</naam>');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['edexml.entity_refused', lineOf(body, 'Plus&klas;')]]);
  });

  it('expands the five predefined entities and character references', async () => {
    const result = await read(xml.replace('<naam>Plusklas</naam>', '<naam>Plus &amp; Co &#305; &#x131; &lt;&gt;&apos;&quot;</naam>'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.roster.groups.find((g) => g.key === 'PLUS')?.name, 'Plus & Co ı ı <>\'"');
  });
});

describe('size limit', () => {
  it('refuses a buffer over maxBytes with too_large and nothing else', async () => {
    const bytes = Buffer.from(xml, 'utf8');
    const result = await read(bytes, { maxBytes: bytes.length - 1 });
    const errors = errorsOf(result);
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['edexml.too_large', null]]);
    assert.match(errors[0].message, /groter dan de toegestane/);
    assert.ok((await read(bytes, { maxBytes: bytes.length })).ok, 'exactly maxBytes is fine');
  });

  it('stops pulling from a stream as soon as the limit is passed', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield Buffer.from('<?xml version="1.0"?><EDEX><school><schooljaar>2026-2027</schooljaar><commentaar>', 'utf8');
        for (;;) {
          pulled++;
          yield Buffer.alloc(1024, 'x');
        }
      } finally {
        closed = true;
      }
    }
    const errors = errorsOf(await read(endless(), { maxBytes: 10 * 1024 }));
    assert.deepEqual(errors.map((e) => e.code), ['edexml.too_large']);
    assert.ok(pulled <= 10, `pulled ${pulled} chunks`);
    assert.ok(closed, 'the stream was closed');
  });
});

describe('malformed XML', () => {
  it('reports one malformed error with the line for a file cut short, and stops', async () => {
    const cut = xml.slice(0, xml.indexOf('<leerling key="L002">'));
    const result = await read(cut);
    const errors = errorsOf(result);
    assert.deepEqual(errors.map((e) => e.code), ['edexml.malformed']);
    assert.equal(errors[0].line, cut.split('\n').length);
    assert.match(errors[0].message, /^Regel \d+: het bestand is geen goed gevormde XML/);
    assert.deepEqual(result.warnings, []);
  });

  it('reports a mismatched end tag at its line', async () => {
    const body = xml.replace('<naam>Groep 3A</naam>', '<naam>Groep 3A</name>');
    const errors = errorsOf(await read(body));
    assert.deepEqual(errors.map((e) => [e.code, e.line]), [['edexml.malformed', lineOf(body, '</name>')]]);
  });

  it('refuses an empty file and one that is not EDEXML', async () => {
    assert.deepEqual(errorsOf(await read('')).map((e) => e.code), ['edexml.malformed']);
    const html = errorsOf(await read('<html><body>upload</body></html>'));
    assert.deepEqual(html.map((e) => [e.code, e.element]), [['edexml.not_edexml', 'html']]);
    const namespaced = errorsOf(await read(xml.replace('<EDEX ', '<EDEX xmlns="urn:something-else" ')));
    assert.deepEqual(namespaced.map((e) => e.code), ['edexml.not_edexml']);
  });
});
