/**
 * `leerpoort login-link`: a one-time link with which the platform operator signs in to the
 * web interface (until staff accounts exist, this is the way in; see docs/adr/0002).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { LoginLink } from '../accounts/index.js';
import { withCapabilities } from './runtime.js';

export const DEFAULT_OPERATOR_LABEL = 'Beheerder';

export function registerLoginLinkCommand(program: Command): void {
  program
    .command('login-link')
    .description('een eenmalige inloglink voor de beheerder maken')
    .option('--label <naam>', 'naam van de beheerder in het logboek', DEFAULT_OPERATOR_LABEL)
    .option('--minutes <minuten>', 'hoe lang de link geldig is', parseMinutes, 15)
    .action(async (options: { label: string; minutes: number }) => {
      await withCapabilities(async ({ config, capabilities }) => {
        const link = await capabilities.operatorAccess.issueLoginLink(options.label, options.minutes);
        console.log(describeLoginLink(config.publicUrl, link));
      });
    });
}

export function describeLoginLink(publicUrl: string, link: LoginLink): string {
  const until = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(link.expiresAt));
  return `Eenmalige inloglink (geldig tot ${until}):\n  ${publicUrl}${link.path}`;
}

function parseMinutes(raw: string): number {
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) throw new InvalidArgumentError('verwacht een geheel aantal minuten (minstens 1).');
  return minutes;
}
