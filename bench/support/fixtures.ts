/**
 * The files the import benchmark feeds in (issue 2): a board of 40 schools with 250 pupils
 * each, one school of 5,000 pupils, and a small school to warm the code up before timing.
 * Generated from fixed seeds, so every run imports the same bytes.
 */
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';

export interface BenchFile {
  brin: string;
  locationCode: string;
  pupils: number;
  content: Buffer;
}

export interface Scenario {
  name: string;
  files: BenchFile[];
}

function schoolFile(seed: number, brin: string, pupils: number): BenchFile {
  const roster = generateSchoolRoster({ seed, brin, pupils });
  return { brin, locationCode: roster.school.locationCode, pupils, content: writeEdexml(roster) };
}

export function warmUpFile(): BenchFile {
  return schoolFile(999, '99WU', 250);
}

/**
 * The scenarios of one measuring round. A first import can only happen once per school, so
 * every round has its own schools: the BRIN's last letter is the round (10BA…49BA, 98GA for round 0).
 */
export function roundScenarios(round: number): Scenario[] {
  const letter = String.fromCharCode(65 + round);
  return [
    { name: 'board: 40 files × 250', files: Array.from({ length: 40 }, (_, i) => schoolFile(i + 1, `${10 + i}B${letter}`, 250)) },
    { name: 'one file of 5,000', files: [schoolFile(1000, `98G${letter}`, 5000)] },
  ];
}

export function pupilsIn(scenario: Scenario): number {
  return scenario.files.reduce((sum, file) => sum + file.pupils, 0);
}
