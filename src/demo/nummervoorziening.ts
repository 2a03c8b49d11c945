/**
 * The demo's Nummervoorziening: when none is configured, `leerpoort demo --serve` starts the
 * sandbox next to Leerpoort and points Leerpoort's client at it, so requesting ECK iD's works
 * end to end on a laptop. A configured NUMMERVOORZIENING_URL is left alone.
 */
import path from 'node:path';
import type { Config } from '../config/index.js';
import { DEFAULT_SANDBOX_KEY, startSandbox, type RunningSandbox } from '../eckid/sandbox/index.js';

/** A made-up OIN for the demo board (20 digits; the sandbox accepts any well-formed OIN). */
export const DEMO_OIN = '00000009000000000001';

export interface DemoNummervoorziening {
  sandbox: RunningSandbox;
  /** The settings that point Leerpoort at the sandbox. */
  settings: { NUMMERVOORZIENING_URL: string; NUMMERVOORZIENING_OIN: string };
}

export async function startDemoNummervoorziening(config: Config): Promise<DemoNummervoorziening | null> {
  if (config.env === 'production' || config.nummervoorziening.url !== null) return null;
  const sandbox = await startSandbox({ key: DEFAULT_SANDBOX_KEY, host: '127.0.0.1', port: 0, batchReadyAfterMs: 2000, wsdlFile: path.resolve('..', 'shared', 'standards', 'eckid', 'eckid.wsdl') });
  return { sandbox, settings: { NUMMERVOORZIENING_URL: sandbox.url, NUMMERVOORZIENING_OIN: config.nummervoorziening.oin ?? DEMO_OIN } };
}
