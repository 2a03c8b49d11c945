/**
 * Bounds how many hPGN hashes run at once in this process (each ~2 s CPU and 128 MiB), apart
 * from how many request jobs run: a job waiting on the Nummervoorziening holds no hash slot,
 * so the slots stay busy while other jobs talk to the service (docs/eckid-hpgn.md).
 */
import { performance } from 'node:perf_hooks';
import { hpgn } from './hpgn.js';

export interface HpgnPool {
  hash(pgn: string, salt: Buffer): Promise<string>;
  /** Hashes running now (for tests and the bench). */
  readonly running: number;
  /** The most that ever ran at once. */
  readonly peak: number;
  /** Seconds spent hashing, summed over the slots (for the bench: how busy the slots were). */
  readonly busySeconds: number;
}

export function createHpgnPool(concurrency: number): HpgnPool {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('hPGN concurrency must be a positive integer');
  const waiting: Array<() => void> = [];
  let running = 0;
  let peak = 0;
  let busyMs = 0;

  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    peak = Math.max(peak, running);
    const start = performance.now();
    try {
      return await work();
    } finally {
      busyMs += performance.now() - start;
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    hash: (pgn, salt) => slot(() => hpgn(pgn, salt)),
    get running() { return running; },
    get peak() { return peak; },
    get busySeconds() { return busyMs / 1000; },
  };
}
