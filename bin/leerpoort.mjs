#!/usr/bin/env node
// Entry point for the `leerpoort` command: runs the TypeScript CLI through tsx,
// so operators need no build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
