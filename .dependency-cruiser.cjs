/**
 * The dependency rule of docs/ARCHITECTURE ("lib ← db ← capabilities ← http ← main; no
 * cycles; a capability imports others only through their index.ts"), made checkable.
 * test/architecture.test.ts runs it over src/; `npx depcruise src` uses it too.
 *
 * A capability is any folder of src/ that is not one of the layers named here. Inside a
 * capability (or one sub-folder of it), only `routes.ts` and `views/` are HTTP edge and may use Fastify and src/http.
 */
const LAYERS = ['lib', 'db', 'config', 'http', 'cli', 'demo'];
const CAPABILITY = `^src/(?!(${LAYERS.join('|')})/)[^/]+/`;
// A capability may group a protocol or sub-area in one folder level (sso/oidc, sso/saml), with its own edge.
// (Two patterns per level: dependency-cruiser refuses an optional group as an unsafe regex.)
const CAPABILITY_EDGE = ['^src/[^/]+/routes\\.tsx?$', '^src/[^/]+/[^/]+/routes\\.tsx?$', '^src/[^/]+/views/', '^src/[^/]+/[^/]+/views/'];
const WEB_FRAMEWORKS = '^node_modules/(fastify|@fastify/[^/]+|hono)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Cycles make modules impossible to understand or test on their own.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lib-is-a-leaf',
      comment: 'src/lib holds framework-free helpers: it imports nothing from other src folders and no framework.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ['^src/(?!lib/)', WEB_FRAMEWORKS, '^node_modules/(kysely|pg|better-sqlite3)/'] },
    },
    {
      name: 'config-only-lib',
      comment: 'Configuration is read first; it may use lib helpers only.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/(?!(config|lib)/)' },
    },
    {
      name: 'db-only-lib',
      comment: 'The database layer knows nothing about capabilities, HTTP or the CLI.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(?!(db|lib)/)' },
    },
    {
      name: 'use-cases-not-http',
      comment: 'A capability\'s use cases work without a web server (CLI, jobs, tests); only routes.ts and views/ are HTTP edge.',
      severity: 'error',
      from: { path: CAPABILITY, pathNot: CAPABILITY_EDGE },
      to: { path: ['^src/(http|cli|demo)/', '^src/(app|main|compose)\\.ts$', WEB_FRAMEWORKS] },
    },
    {
      name: 'edge-not-composition',
      comment: 'Routes and views are assembled by app.ts; they do not reach up to the app, the CLI or the demo.',
      severity: 'error',
      from: { path: CAPABILITY_EDGE },
      to: { path: ['^src/(cli|demo)/', '^src/(app|main)\\.ts$'] },
    },
    {
      name: 'capabilities-through-index',
      comment: 'Outside a capability, only its index.ts (its public face) may be imported.',
      severity: 'error',
      from: { path: '^src/([^/]+)', pathNot: '^src/app\\.ts$' },
      to: { path: CAPABILITY, pathNot: ['^src/$1/', '/index\\.ts$'] },
    },
    {
      name: 'app-mounts-routes',
      comment: 'app.ts mounts each capability\'s routes.ts; otherwise it too uses index.ts.',
      severity: 'error',
      from: { path: '^src/app\\.ts$' },
      to: { path: CAPABILITY, pathNot: ['/index\\.ts$', '/routes\\.tsx?$'] },
    },
    {
      name: 'cli-is-an-entry-point',
      comment: 'Only bin/leerpoort.mjs starts the CLI; nothing in src depends on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'main-only-from-cli',
      comment: 'The composition root is started by the CLI (serve, demo --serve), never imported by the parts it composes.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'demo-only-from-cli',
      comment: 'Demo data is seeded by `leerpoort demo`; the product does not depend on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|demo)/' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'Production installs (npm ci --omit=dev) must run src/; dev dependencies are for tests and tools.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'resolvable',
      comment: 'An import that resolves to nothing is a broken build waiting to happen.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
