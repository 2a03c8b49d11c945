/**
 * The dependency rule (ARCHITECTURE.md: lib ← db ← capabilities ← http ← main, no cycles,
 * capabilities meet only through index.ts), checked with dependency-cruiser over src/.
 * A second test proves the rules bite, on a small tree with one deliberate breach per rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function violationsIn(baseDir: string, withTsConfig: boolean): Promise<{ result: ICruiseResult; violations: string[] }> {
  const options = { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } };
  if (!withTsConfig) delete options.tsConfig;
  const transpile = withTsConfig ? { tsConfig: extractTSConfig(path.join(baseDir, 'tsconfig.json')) } : undefined;
  const { output } = await cruise(['src'], options, undefined, transpile);
  const result = output as ICruiseResult;
  const describe = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((step) => step.name).join(' → ') : v.to}`;
  return { result, violations: result.summary.violations.map(describe).sort() };
}

test('src/ follows the dependency rule', async () => {
  const { result, violations } = await violationsIn(root, true);
  assert.ok(result.summary.totalCruised > 50, `only ${result.summary.totalCruised} modules cruised: is src/ being read at all?`);
  assert.deepEqual(violations, []);
});

/** One file per line: path, then the relative imports it makes. */
const FIXTURE: Record<string, string[]> = {
  'src/lib/text.ts': ['../organisations/index.js', './missing.js'],
  'src/config/index.ts': ['../db/store.js'],
  'src/db/store.ts': ['../audit/index.js'],
  'src/audit/index.ts': ['./log.js'],
  'src/audit/log.ts': ['./index.js'],
  'src/organisations/index.ts': ['./service.js'],
  'src/organisations/service.ts': ['../http/page.js', '../roster/store.js', './store.js'],
  'src/organisations/store.ts': [],
  'src/organisations/routes.ts': ['../http/page.js', './service.js', '../main.js'],
  'src/organisations/views/page.ts': ['../../http/page.js'],
  'src/roster/index.ts': ['./store.js'],
  'src/roster/store.ts': [],
  'src/roster/routes.ts': ['./index.js'],
  'src/http/page.ts': [],
  'src/http/guard.ts': ['../cli/index.js'],
  'src/app.ts': ['./roster/routes.js', './roster/store.js', './organisations/index.js'],
  'src/main.ts': ['./app.js', './demo/index.js'],
  'src/demo/index.ts': ['../roster/index.js'],
  'src/cli/index.ts': ['../main.js', '../demo/index.js'],
};

test('the rules catch each kind of breach, and allow what the architecture allows', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-architecture-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [file, imports] of Object.entries(FIXTURE)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const body = imports.map((target, i) => `import * as m${i} from '${target}';\nexport const use${i} = m${i};`).join('\n');
    fs.writeFileSync(path.join(dir, file), `${body}\nexport const here = 1;\n`);
  }
  const { violations } = await violationsIn(dir, false);
  assert.deepEqual(violations, [
    'app-mounts-routes: src/app.ts → src/roster/store.ts',
    'capabilities-through-index: src/organisations/service.ts → src/roster/store.ts',
    'config-only-lib: src/config/index.ts → src/db/store.ts',
    'db-only-lib: src/db/store.ts → src/audit/index.ts',
    'demo-only-from-cli: src/main.ts → src/demo/index.ts',
    'edge-not-composition: src/organisations/routes.ts → src/main.ts',
    'lib-is-a-leaf: src/lib/text.ts → src/organisations/index.ts',
    'main-only-from-cli: src/organisations/routes.ts → src/main.ts',
    'no-circular: src/audit/index.ts → src/audit/log.ts → src/audit/index.ts',
    'resolvable: src/lib/text.ts → ./missing.js',
    'use-cases-not-http: src/organisations/service.ts → src/http/page.ts',
    'cli-is-an-entry-point: src/http/guard.ts → src/cli/index.ts',
  ].sort());
});
