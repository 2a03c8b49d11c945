/** `leerpoort keys list|rotate|retire`: the OpenID provider's signing keys (stored sealed). */
import type { Command } from 'commander';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

const STATUS: Record<string, string> = { active: 'ondertekent', published: 'alleen controle (in JWKS)', retired: 'ingetrokken' };

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('ondertekeningssleutels van de OpenID-provider beheren');

  keys
    .command('list')
    .description('alle sleutels tonen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        await capabilities.oidc.keys.jwks(); // the first key is made on first use
        const list = await capabilities.oidc.keys.list();
        if (options.json) return printJson(list);
        printTable(['kid', 'alg', 'status', 'aangemaakt'], list.map((k) => [k.kid, k.alg, STATUS[k.status] ?? k.status, k.createdAt]));
      });
    });

  keys
    .command('rotate')
    .description('een nieuwe sleutel laten ondertekenen; de vorige blijft in de JWKS zodat uitgegeven tokens geldig blijven')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        await capabilities.oidc.keys.jwks();
        const result = await capabilities.oidc.keys.rotate(cliActor());
        if (options.json) return printJson(result);
        console.log(`Nieuwe sleutel ${result.kid} ondertekent nu (draaiende servers binnen 30 seconden).`);
        if (result.previous.length) console.log(`Vorige sleutel(s) ${result.previous.join(', ')} blijven in de JWKS; trek ze later in met: leerpoort keys retire --kid …`);
      });
    });

  keys
    .command('retire')
    .description('een sleutel die niet meer ondertekent uit de JWKS halen (tokens die ermee ondertekend zijn, zijn daarna ongeldig)')
    .requiredOption('--kid <kid>', 'de sleutel')
    .action(async (options: { kid: string }) => {
      await withCapabilities(async ({ capabilities }) => {
        await capabilities.oidc.keys.retire(cliActor(), options.kid);
        console.log(`Sleutel ${options.kid} is ingetrokken.`);
      });
    });
}
