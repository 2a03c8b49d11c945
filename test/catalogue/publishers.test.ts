/**
 * Publishers and products through the catalogue service on a real database: slugs are unique
 * and the sector is the slug; products belong to a publisher, carry tags and a protocol, and
 * bad input (unknown tag, http launch URL elsewhere than localhost, SAML without entityID) is
 * refused with the catalogue's error codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';

const uniqueSlug = (base: string) => `${base}-${randomBytes(4).toString('hex')}`;

for (const database of testDatabases()) {
  test(`publishers and products (${database.name})`, async () => {
    const t = await buildTestApp(database);
    try {
      const { catalogue } = t.capabilities;
      const slug = uniqueSlug('malmberg');
      const publisher = await catalogue.publishers.add('operator:test', { slug: ` ${slug.toUpperCase()} `, name: 'Malmberg' });
      assert.equal(publisher.slug, slug);
      assert.equal(publisher.sector, slug);
      assert.deepEqual(await catalogue.publishers.bySlug(slug), publisher);
      assert.deepEqual(await catalogue.publishers.byId(publisher.id), publisher);
      assert.ok((await catalogue.publishers.list()).some((p) => p.id === publisher.id));
      await assert.rejects(catalogue.publishers.add('operator:test', { slug, name: 'Nog eens' }), { code: 'catalogue.publisher_exists' });
      await assert.rejects(catalogue.publishers.add('operator:test', { slug: 'x', name: 'Te kort' }), { code: 'catalogue.invalid_slug' });

      const product = await catalogue.products.add('operator:test', {
        publisherSlug: slug, code: 'pluspunt-4', name: 'Pluspunt 4', launchUrl: 'https://pluspunt.example/start',
        tags: ['toetsapplicatie'], protocol: 'OIDC', iconUrl: 'https://pluspunt.example/icon.svg',
      });
      assert.equal(product.publisherId, publisher.id);
      assert.deepEqual(product.tags, ['toetsApplicatie']);
      assert.equal(product.protocol, 'oidc');
      assert.equal(product.active, true);
      assert.equal(product.samlEntityId, null);
      assert.deepEqual(await catalogue.products.byId(product.id), product);
      assert.ok((await catalogue.products.list()).some((p) => p.id === product.id));

      const saml = await catalogue.products.add('operator:test', {
        publisherSlug: slug, code: 'taal', name: 'Taal actief', launchUrl: 'https://taal.example/', protocol: 'saml', samlEntityId: 'https://taal.example/sp',
      });
      assert.equal(saml.samlEntityId, 'https://taal.example/sp');
      assert.deepEqual(saml.tags, []);

      const base = { publisherSlug: slug, name: 'X', launchUrl: 'https://x.example/', protocol: 'oidc' };
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'pluspunt-4' }), { code: 'catalogue.product_exists' });
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'a', tags: ['docent'] }), { code: 'catalogue.invalid_tag' });
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'b', launchUrl: 'http://x.example/' }), { code: 'catalogue.invalid_url' });
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'c', launchUrl: 'https://good@evil.example/' }), { code: 'catalogue.invalid_url' });
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'd', protocol: 'saml' }), { code: 'catalogue.saml_entity_id_required' });
      await assert.rejects(catalogue.products.add('t', { ...base, code: 'e', protocol: 'cas' }), { code: 'catalogue.invalid_protocol' });
      await assert.rejects(catalogue.products.add('t', { ...base, publisherSlug: uniqueSlug('onbekend'), code: 'f' }), { code: 'catalogue.publisher_not_found' });
      const local = await catalogue.products.add('t', { ...base, code: 'g', launchUrl: 'http://localhost:4100/start' });
      assert.equal(local.launchUrl, 'http://localhost:4100/start');
    } finally {
      await t.close();
    }
  });
}
