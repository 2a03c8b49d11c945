/**
 * A bench's load runs in a process of its own (its own event loop and CPU time, and none of the
 * app's modules): the parent writes the input as JSON to the child's stdin and reads the result
 * as JSON from its stdout. Both halves of that exchange, for every load module.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Runs the load module at `script` (a file path) in a child process with `input`; resolves to its result. */
export function inLoadProcess<Input, Result>(script: string, input: Input): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output) as Result) : reject(new Error(`load process ended with ${code}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

/** In a load module: when node was started with this module (`moduleUrl`), reads the input from stdin, runs `run` and writes its result to stdout. */
export async function serveAsLoadProcess<Input, Result>(moduleUrl: string, run: (input: Input) => Promise<Result>): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(JSON.stringify(await run(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input)));
}
