/** The demo publisher's pages, in Dutch; every value from outside is escaped. */
import type { DemoClient, ReceivedLogin } from './relying-party.js';

const escape = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CLAIM_LABELS: Record<string, string> = {
  sub: 'Pseudoniem (sub, per uitgeverij anders)',
  role: 'Rol',
  nl_edu_home_organization_id: 'School (BRIN)',
  given_name: 'Voornaam',
  group: 'Groep',
  year_group: 'Jaargroep',
  eckid: 'ECK iD',
};

const SHOWN_TOKEN_CLAIMS = ['iss', 'aud', 'auth_time', 'acr'];

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse}th,td{text-align:left;padding:.3rem .8rem;border-bottom:1px solid #ccc}.note{color:#555}a.button{display:inline-block;padding:.6rem 1rem;background:#1a4d8f;color:#fff;text-decoration:none;border-radius:.4rem}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function homePage(clients: DemoClient[]): string {
  const items = clients.map((c) => `<li><a href="${escape(c.prefix)}/start">${escape(c.methodName)}</a> (${escape(c.publisherName)})</li>`).join('');
  return page('Demo-uitgeverijen', `<p>Dit is een voorbeeld van een uitgeverij die met Leerpoort inlogt (OpenID Connect met PKCE). Start een methode vanuit een tegel in Leerpoort, of hier:</p><ul>${items}</ul>`);
}

export function claimsPage(client: DemoClient, login: ReceivedLogin): string {
  const claims = { ...login.idTokenClaims, ...login.userinfo };
  const rows = Object.keys(CLAIM_LABELS)
    .filter((name) => claims[name] !== undefined)
    .map((name) => `<tr><th scope="row">${escape(CLAIM_LABELS[name])}</th><td><code data-claim="${escape(name)}">${escape(claims[name])}</code></td></tr>`)
    .join('');
  const technical = SHOWN_TOKEN_CLAIMS.filter((name) => claims[name] !== undefined)
    .map((name) => `<tr><th scope="row">${escape(name)}</th><td><code>${escape(claims[name])}</code></td></tr>`)
    .join('');
  const name = typeof claims.given_name === 'string' ? `, ${claims.given_name}` : '';
  return page(
    `Welkom bij ${client.methodName}${name}!`,
    `<p>Je bent ingelogd via Leerpoort. ${escape(client.publisherName)} heeft deze gegevens ontvangen:</p>
<table><caption>Ontvangen gegevens</caption><tbody>${rows}</tbody></table>
<p class="note">Toegekende scopes: <code>${escape(login.scope)}</code>. Meer gegevens krijgt deze uitgeverij niet: dat bepaalt het gegevensprofiel in de verwerkersovereenkomst.</p>
<details><summary>Technische gegevens uit het ID-token</summary><table><tbody>${technical}</tbody></table></details>`,
  );
}

export function errorPage(message: string): string {
  return page('Inloggen is niet gelukt', `<p role="alert">${escape(message)}</p><p>Ga terug naar Leerpoort en probeer het opnieuw.</p>`);
}
