/** `leerpoort clients add|list`: the operator registers publishers' OpenID Connect clients. */
import type { Command } from 'commander';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerClientsCommand(program: Command): void {
  const clients = program.command('clients').description('OpenID Connect-clients van uitgeverijen beheren');

  clients
    .command('add')
    .description('een OIDC-client voor een uitgeverij registreren; toont client_id en client_secret (het geheim maar één keer)')
    .requiredOption('--publisher <korte-naam>', 'de uitgeverij')
    .requiredOption('--redirect-uri <adres>', 'redirect-URI (herhaalbaar; alle op dezelfde host)', collect)
    .requiredOption('--profile <profiel>', 'gegevensprofiel: minimal, standard of with_eck')
    .option('--post-logout-redirect-uri <adres>', 'adres na uitloggen (herhaalbaar)', collect)
    .option('--backchannel-logout-uri <adres>', 'adres voor back-channel logout')
    .option('--json', 'als JSON tonen (client_id, client_secret, issuer)')
    .action(async (options: { publisher: string; redirectUri: string[]; profile: string; postLogoutRedirectUri?: string[]; backchannelLogoutUri?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const created = await capabilities.oidcClients.add(cliActor(), {
          publisherSlug: options.publisher,
          redirectUris: options.redirectUri,
          postLogoutRedirectUris: options.postLogoutRedirectUri ?? [],
          backchannelLogoutUri: options.backchannelLogoutUri ?? null,
          profile: options.profile,
        });
        const issuer = capabilities.oidc.issuer;
        if (options.json) return printJson({ client_id: created.clientId, client_secret: created.clientSecret, issuer });
        console.log(`OIDC-client voor ${options.publisher} is geregistreerd.`);
        console.log(`client_id:     ${created.clientId}`);
        console.log(`client_secret: ${created.clientSecret}`);
        console.log(`issuer:        ${issuer} (discovery: ${issuer}/.well-known/openid-configuration)`);
        console.log('Het geheim wordt niet nog eens getoond; Leerpoort bewaart het versleuteld.');
      });
    });

  clients
    .command('list')
    .description('alle OIDC-clients tonen (zonder geheimen)')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const list = await capabilities.oidcClients.list();
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen OIDC-clients. Registreer er een met: leerpoort clients add --publisher … --redirect-uri … --profile …');
        printTable(['uitgeverij', 'client_id', 'profiel', 'redirect-URI\'s'], list.map((c) => [c.publisherSlug, c.clientId, c.profile, c.redirectUris.join(' ')]));
      });
    });
}
