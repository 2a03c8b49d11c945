/**
 * Starting a method from a portal tile (`/starten/:productId?school=…`), as named steps:
 * the product → the person at that school → licence → privacy gate → hand-over by protocol
 * (SAML: an IdP-initiated signed response; OIDC: the product's launch URL, whose server then
 * starts an authorization request that finds the same Leerpoort session).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../accounts/index.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import type { SamlPrivacy } from './saml/deps.js';
import type { PostForm, SamlService } from './saml/index.js';
import { personFor } from './saml/person.js';

export interface LaunchProduct {
  id: number;
  publisherId: number;
  name: string;
  launchUrl: string;
  protocol: 'oidc' | 'saml';
  samlEntityId: string | null;
  active: boolean;
}

export type LaunchPerson = { kind: 'pupil'; pupilId: number; schoolId: number } | { kind: 'staff'; accountId: number; schoolId: number };

export interface LaunchCatalogue {
  products: { byId(id: number): Promise<LaunchProduct | null> };
  isLicensed(person: LaunchPerson, productId: number): Promise<boolean>;
}

export type LaunchOutcome = { post: PostForm; productName: string } | { redirect: string } | { chooseFrom: number[]; productName: string };

/** RelayState is at most 80 bytes (SAML Bindings §3.4.3); a longer launch URL is left to the SP's default. */
function relayStateFor(launchUrl: string): string | null {
  return Buffer.byteLength(launchUrl, 'utf8') <= 80 ? launchUrl : null;
}

export function createLauncher(deps: { db: Kysely<Database>; clock: Clock; catalogue: LaunchCatalogue; privacy: Pick<SamlPrivacy, 'authorizeRelease'>; saml: SamlService }) {
  return async function launch(actor: Actor, productId: number, schoolId: number | null, sessionId: string): Promise<LaunchOutcome> {
    const product = await deps.catalogue.products.byId(productId);
    if (!product || !product.active) throw new AppError('saml.launch_product_unknown');

    const choice = await personFor(deps.db, actor, schoolId, deps.clock.now());
    if ('chooseFrom' in choice) return { chooseFrom: choice.chooseFrom, productName: product.name };
    const person = choice.person;

    const licencePerson: LaunchPerson = person.kind === 'pupil' ? { kind: 'pupil', pupilId: person.id, schoolId: person.schoolId } : { kind: 'staff', accountId: person.id, schoolId: person.schoolId };
    if (!(await deps.catalogue.isLicensed(licencePerson, product.id))) throw new AppError('saml.launch_not_licensed', { product: product.name });

    // Refused here with the Dutch page that says who can fix it (no agreement / no consent).
    await deps.privacy.authorizeRelease({ schoolId: person.schoolId, publisherId: product.publisherId });

    if (product.protocol === 'oidc') return { redirect: product.launchUrl };
    if (!product.samlEntityId) throw new AppError('saml.launch_sp_missing', { product: product.name });
    const sp = await deps.saml.serviceProviders.byEntityId(product.samlEntityId);
    if (!sp || sp.publisherId !== product.publisherId) throw new AppError('saml.launch_sp_missing', { product: product.name });
    return { post: await deps.saml.launch(sp.entityId, person, sessionId, relayStateFor(product.launchUrl)), productName: product.name };
  };
}

export type Launcher = ReturnType<typeof createLauncher>;
