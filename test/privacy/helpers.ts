/** Fixtures for the privacy tests: unique publishers, a school with its board, an operator actor. */
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../helpers/app.js';
import { createTestSchool } from '../helpers/app.js';
import type { PrivacyActor } from '../../src/privacy/index.js';

export const OPERATOR: PrivacyActor = { id: 'operator:test', name: 'Testbeheer' };
export const ICT: PrivacyActor = { id: 'staff:999999', name: 'Ida ICT' };

/** A publisher with a slug no other test run uses. */
export async function addPublisher(t: TestApp, name = 'Uitgeverij Test') {
  const slug = `uitg-${randomBytes(5).toString('hex')}`;
  return t.capabilities.catalogue.publishers.add('test', { slug, name: `${name} ${slug.slice(5, 9)}` });
}

/** A school (with its own board) and a publisher, optionally with the board's agreement and the school's consent. */
export async function schoolAndPublisher(t: TestApp, options: { agreement?: 'minimal' | 'standard' | 'with_eck'; consent?: boolean } = {}) {
  const school = await createTestSchool(t.capabilities);
  const publisher = await addPublisher(t);
  const privacy = t.capabilities.privacy;
  const agreement = options.agreement
    ? await privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: options.agreement, reference: `VO-${publisher.slug}` })
    : null;
  if (options.consent) await privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
  return { school, publisher, agreement };
}
