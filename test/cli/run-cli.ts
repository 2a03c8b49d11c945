/**
 * Runs the real `leerpoort` command as a child process (bin/leerpoort.mjs, as an operator
 * would), against the database a test names, in a working directory of the test's own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/leerpoort.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  databaseUrl: string;
  /** Working directory (the demo writes data/demo/ here); a fresh temporary one by default. */
  cwd?: string;
  env?: Record<string, string>;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-cli-'));
}

export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tempDir(),
      env: { ...process.env, LEERPOORT_ENV: 'test', DATABASE_URL: options.databaseUrl, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command with --json that must succeed, and parses its one JSON object. */
export async function runCliJson<T>(args: string[], options: CliOptions): Promise<T> {
  const result = await runCli([...args, '--json'], options);
  if (result.code !== 0) throw new Error(`leerpoort ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** An expected error is one Dutch sentence, not a Node stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text);
}
