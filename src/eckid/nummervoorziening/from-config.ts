/** Builds the client from the settings in config (NUMMERVOORZIENING_*), reading the PEM files. */
import fs from 'node:fs';
import type { NummervoorzieningConfig } from '../../config/index.js';
import { createNummervoorzieningClient, type NummervoorzieningClient } from './client.js';
import { NummervoorzieningError } from './faults.js';
import type { TlsMaterial } from './transport.js';

export function readTlsMaterial(paths: { certPath: string | null; keyPath: string | null; caPath: string | null }): TlsMaterial {
  const read = (file: string | null) => {
    if (file === null) return undefined;
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new NummervoorzieningError('nummervoorziening.tls_refused', { detail: `${file} is niet leesbaar: ${(error as NodeJS.ErrnoException).code ?? 'fout'}` }, { kind: 'never' });
    }
  };
  return { cert: read(paths.certPath), key: read(paths.keyPath), ca: read(paths.caPath) };
}

/** The configured client, or an error saying which setting is missing. */
export function clientFromConfig(settings: NummervoorzieningConfig): NummervoorzieningClient {
  if (settings.url === null || settings.oin === null) throw new NummervoorzieningError('nummervoorziening.not_configured', {}, { kind: 'never' });
  return createNummervoorzieningClient({ url: settings.url, oin: settings.oin, tls: readTlsMaterial(settings) });
}
