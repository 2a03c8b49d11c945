/**
 * `leerpoort eckid sandbox`: a local Nummervoorziening for demos and tests. It serves the same
 * WSDL and operations as the real service, with stable keyed pseudonyms in the real formats.
 * With --tls-dir it runs HTTPS and demands a client certificate signed by that folder's CA.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_SANDBOX_KEY, startSandbox, type SandboxTls } from '../eckid/sandbox/index.js';
import { AppError } from '../lib/errors.js';

interface SandboxCliOptions {
  port: number;
  host: string;
  tlsDir?: string;
  key: string;
  batchDelay: number;
  dailyLimit: number;
  wsdl?: string;
}

/** Where the standards live next to a checkout (never copied into the repository). */
export const STANDARDS_WSDL = path.join('..', 'shared', 'standards', 'eckid', 'eckid.wsdl');

export function registerEckidSandboxCommand(eckid: Command): void {
  eckid
    .command('sandbox')
    .description('een sandbox-Nummervoorziening starten (voor demo en tests; nooit echte leerlinggegevens)')
    .option('--port <poort>', 'poort', parseInteger(0, 65535), 8089)
    .option('--host <adres>', 'adres om op te luisteren', '127.0.0.1')
    .option('--tls-dir <map>', 'map met server.key, server.crt en ca.crt: HTTPS met verplicht clientcertificaat')
    .option('--key <sleutel>', 'sleutel voor de pseudoniemen (zelfde sleutel, zelfde nummers)', DEFAULT_SANDBOX_KEY)
    .option('--batch-delay <seconden>', 'hoe lang een batch "bezig" is', parseInteger(0, 3600), 3)
    .option('--daily-limit <aantal>', 'batches per OIN per dag', parseInteger(1, 1_000_000), 50)
    .option('--wsdl <bestand>', `WSDL om te tonen (standaard ${STANDARDS_WSDL} als die bestaat, anders gegenereerd)`)
    .action(async (options: SandboxCliOptions) => {
      const sandbox = await startSandbox({
        host: options.host,
        port: options.port,
        key: options.key,
        tls: options.tlsDir ? readTlsDir(options.tlsDir) : null,
        batchReadyAfterMs: options.batchDelay * 1000,
        dailyBatchLimit: options.dailyLimit,
        wsdlFile: path.resolve(options.wsdl ?? STANDARDS_WSDL),
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new AppError('server.address_in_use', { host: options.host, port: options.port });
        throw error;
      });
      console.log(describeSandbox(sandbox.url, sandbox.wsdlSource, Boolean(options.tlsDir)));
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sandbox.close();
      console.log('Sandbox-Nummervoorziening gestopt.');
    });
}

export function describeSandbox(url: string, wsdlSource: 'standards' | 'generated', mutualTls: boolean): string {
  return [
    `Sandbox-Nummervoorziening draait op ${url}`,
    `  WSDL: ${url}?wsdl (${wsdlSource === 'standards' ? 'uit de standaarden' : 'gegenereerd uit de operatietabel'})`,
    mutualTls ? '  HTTPS met verplicht clientcertificaat (mutual TLS).' : '  Zonder TLS: alleen voor demo en ontwikkeling.',
    '  Leerpoort gebruikt hem met:',
    `    NUMMERVOORZIENING_URL=${url}`,
    '    NUMMERVOORZIENING_OIN=<OIN van 20 cijfers>',
    ...(mutualTls ? ['    NUMMERVOORZIENING_CERT, NUMMERVOORZIENING_KEY, NUMMERVOORZIENING_CA=<pem-bestanden>'] : []),
    'Stoppen met Ctrl+C.',
  ].join('\n');
}

function readTlsDir(dir: string): SandboxTls {
  const read = (name: string) => {
    const file = path.join(dir, name);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new AppError('cli.file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'onbekende fout' });
    }
  };
  return { key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt') };
}

function parseInteger(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentError(`verwacht een geheel getal van ${min} tot ${max}.`);
    return value;
  };
}
