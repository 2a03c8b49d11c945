#!/usr/bin/env node
// Entry point for the `leerpoort` command: runs the TypeScript CLI through tsx,
// so operators need no build step. tsx is pointed at the repository's tsconfig.json
// (for JSX) so the command works from any working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/index.ts');
