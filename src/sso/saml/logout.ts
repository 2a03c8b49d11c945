/**
 * Signed single-logout messages to an SP's SingleLogoutService, in the binding its metadata
 * names: HTTP-Redirect (signed query, Bindings §3.4.4.1) or HTTP-POST (enveloped signature,
 * auto-posted form). The <samlp:LogoutResponse> (SAML 2.0 Core §3.7.2) answers an SP's request;
 * the <samlp:LogoutRequest> (Core §3.7.1) tells an SP of the session that the person left.
 */
import samlify from 'samlify';
import type { IdpEntity, SpEntity } from './entities.js';
import type { ServiceProvider } from './store.js';
import type { PostForm } from './deps.js';
import { NAMEID_PERSISTENT } from './entities.js';
import { samlId } from './response.js';

export async function buildLogoutResponse(input: {
  idp: IdpEntity;
  sp: SpEntity;
  sp$: ServiceProvider;
  issuer: string;
  inResponseTo: string;
  success: boolean;
  relayState: string | null;
  now: Date;
}): Promise<{ redirect: string } | { form: PostForm }> {
  const destination = input.sp$.sloUrl as string;
  const id = samlId();
  const replace = (template: string) => ({
    id,
    context: samlify.SamlLib.replaceTagsByValue(template, {
      ID: id,
      Destination: destination,
      Issuer: input.issuer,
      EntityID: input.issuer,
      IssueInstant: input.now.toISOString(),
      InResponseTo: input.inResponseTo,
      // Requester: the request named someone other than the person signed in here.
      StatusCode: input.success ? 'urn:oasis:names:tc:SAML:2.0:status:Success' : 'urn:oasis:names:tc:SAML:2.0:status:Requester',
    }),
  });
  const binding = input.sp$.sloBinding === 'redirect' ? 'redirect' : 'post';
  const made = (await input.idp.createLogoutResponse(input.sp, { extract: { request: { id: input.inResponseTo } } } as never, binding, input.relayState ?? '', replace as never)) as {
    context: string;
  };
  if (binding === 'redirect') return { redirect: made.context };
  const fields: Record<string, string> = { SAMLResponse: made.context };
  if (input.relayState) fields.RelayState = input.relayState;
  return { form: { action: destination, fields } };
}

export async function buildLogoutRequest(input: {
  idp: IdpEntity;
  sp: SpEntity;
  sp$: ServiceProvider;
  issuer: string;
  nameId: string;
  sessionIndex: string;
  relayState: string;
  now: Date;
}): Promise<{ id: string; message: { redirect: string } | { form: PostForm } }> {
  const destination = input.sp$.sloUrl as string;
  const id = samlId();
  const replace = (template: string) => ({
    id,
    context: samlify.SamlLib.replaceTagsByValue(
      // The NameID exactly as the assertion carried it, qualifiers included (Core §3.7.1, §8.3.7).
      template.replace('<saml:NameID Format="{NameIDFormat}">', '<saml:NameID Format="{NameIDFormat}" NameQualifier="{Issuer}" SPNameQualifier="{SpEntityId}">'),
      {
        ID: id,
        Destination: destination,
        Issuer: input.issuer,
        EntityID: input.issuer,
        SpEntityId: input.sp$.entityId,
        IssueInstant: input.now.toISOString(),
        NameIDFormat: NAMEID_PERSISTENT,
        NameID: input.nameId,
        SessionIndex: input.sessionIndex,
      },
    ),
  });
  const binding = input.sp$.sloBinding === 'redirect' ? 'redirect' : 'post';
  const made = (await input.idp.createLogoutRequest(input.sp, binding, { logoutNameID: input.nameId }, { relayState: input.relayState, customTagReplacement: replace } as never)) as {
    context: string;
  };
  if (binding === 'redirect') return { id, message: { redirect: made.context } };
  return { id, message: { form: { action: destination, fields: { SAMLRequest: made.context, RelayState: input.relayState } } } };
}
