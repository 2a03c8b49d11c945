/**
 * Demo data for a first look: one board with two schools whose rosters arrive through the
 * real EDEXML import (source "demo"), so the import history shows how it works. Seeding is
 * idempotent per step: what exists is left alone, so running it twice adds nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Capabilities } from '../compose.js';
import { writeEdexml } from '../roster/generator/index.js';
import { CHANGED_FILE_NAME, DEMO_BOARD, DEMO_SCHOOLS, changedDemoRoster, demoRoster, type DemoSchool } from './rosters.js';
import { seedDemoCatalogue, type DemoClient } from '../demo-publisher/index.js';

export { DEMO_BOARD, DEMO_SCHOOLS } from './rosters.js';

export interface DemoSeedResult {
  boardCreated: boolean;
  /** Codes (BRIN + dependancecode) of the schools created now. */
  schoolsCreated: string[];
  /** Codes of the schools whose roster was imported now. */
  rostersImported: string[];
  /** The demo EDEXML files, for trying an upload. */
  files: string[];
  /** The demo publishers' OIDC clients, for the demo publisher app (src/demo-publisher). */
  publisherClients: DemoClient[];
  /** Demo methods created now. */
  productsCreated: string[];
}

export async function seedDemo(deps: { capabilities: Capabilities; actor: string; demoDir: string; publisherAppUrl?: string }): Promise<DemoSeedResult> {
  const { organisations } = deps.capabilities;
  const result: DemoSeedResult = { boardCreated: false, schoolsCreated: [], rostersImported: [], files: [], publisherClients: [], productsCreated: [] };

  if (!(await organisations.boardByNumber(DEMO_BOARD.number))) {
    await organisations.addBoard(deps.actor, DEMO_BOARD);
    result.boardCreated = true;
  }
  await fs.mkdir(deps.demoDir, { recursive: true });
  for (const demo of DEMO_SCHOOLS) {
    const content = writeEdexml(demoRoster(demo));
    result.files.push(await writeDemoFile(deps.demoDir, demo.fileName, content));
    const code = demo.brin + demo.locationCode;
    let school = await organisations.schoolByCode(demo.brin, demo.locationCode);
    if (!school) {
      school = await organisations.addSchool(deps.actor, { boardNumber: DEMO_BOARD.number, brin: demo.brin, locationCode: demo.locationCode, name: demo.name, ...demo.address });
      result.schoolsCreated.push(code);
    }
    if (await hasAppliedImport(deps.capabilities, school.id)) continue;
    await importDemoRoster(deps, school.id, demo, content);
    result.rostersImported.push(code);
  }
  result.files.push(await writeDemoFile(deps.demoDir, CHANGED_FILE_NAME, writeEdexml(changedDemoRoster(DEMO_SCHOOLS[0]))));
  // Two publishers with a method each, licensed to the demo schools, with agreement and consent.
  const board = (await organisations.boardByNumber(DEMO_BOARD.number))!;
  const schoolIds: number[] = [];
  for (const demo of DEMO_SCHOOLS) schoolIds.push((await organisations.schoolByCode(demo.brin, demo.locationCode))!.id);
  const stateFile = path.join(path.dirname(deps.demoDir), 'demo-uitgever-clients.json');
  const catalogue = await seedDemoCatalogue({ capabilities: deps.capabilities, actor: deps.actor, stateFile, boardId: board.id, schoolIds, publisherAppUrl: deps.publisherAppUrl });
  result.publisherClients = catalogue.clients;
  result.productsCreated = catalogue.productsCreated;
  return result;
}

async function writeDemoFile(dir: string, name: string, content: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

async function hasAppliedImport(capabilities: Capabilities, schoolId: number): Promise<boolean> {
  const imports = await capabilities.roster.listImports({ schoolId });
  return imports.some((record) => record.status === 'applied');
}

async function importDemoRoster(deps: { capabilities: Capabilities; actor: string }, schoolId: number, demo: DemoSchool, content: Buffer) {
  const summary = await deps.capabilities.roster.importEdexml({ content, fileName: demo.fileName, source: 'demo', actor: deps.actor, schoolId, mode: 'apply' });
  if (summary.status !== 'applied') {
    // The generator and the importer disagree: a bug, so say exactly what the importer said.
    const problems = summary.errors.map((problem) => `${problem.code}: ${problem.message}`).join('\n');
    throw new Error(`Het demobestand ${demo.fileName} is niet toegepast (${summary.status}).\n${problems}`);
  }
}
