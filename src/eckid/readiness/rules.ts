/**
 * The readiness check: for a pupil without an ECK iD, the reason and what to do, in the
 * school's words. One table, read top to bottom, first match wins. School- and board-wide
 * blockers come first: while they stand no pupil gets an ECK iD, and fixing them fixes all;
 * then the pupil's own enrolment and DUO exchange, in the order the chain runs
 * (aangemeld → ingeschreven → uitgewisseld met DUO → terugkoppeling opgehaald → ECK iD).
 * Pure: no database, no clock. Tests: test/eckid/readiness-rules.test.ts.
 */
import type { BoardEckFacts, PupilEckFacts, SchoolEckFacts } from './facts.js';
import { lasNames, lasStep } from './las-steps.js';

export const reasonCodes = [
  'unfunded_school_type',
  'no_agreement',
  'las_not_instructed',
  'registered_not_enrolled',
  'duo_error',
  'unfunded_not_exchanged',
  'duo_feedback_not_fetched',
  'unknown',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export interface ReadinessFacts {
  pupil: PupilEckFacts;
  school: SchoolEckFacts;
  board: BoardEckFacts;
}

export interface Reason {
  code: ReasonCode;
  /** Short, for lists and the group overview: "ECK iD ontbreekt: <label>". */
  label: string;
  explanation: string;
  /** What to do, and who. */
  action: string;
  /** No ECK iD is expected (not an error): counted apart in coverage. */
  expected: boolean;
}

interface Rule {
  code: Exclude<ReasonCode, 'unknown'>;
  applies(facts: ReadinessFacts): boolean;
  explain(facts: ReadinessFacts): Omit<Reason, 'code' | 'expected'>;
  expected?: boolean;
}

const rules: readonly Rule[] = [
  {
    code: 'unfunded_school_type',
    expected: true,
    applies: ({ school }) => school.fundedSchoolType === false,
    explain: () => ({
      label: 'geen ECK iD verwacht (onbekostigde schoolsoort)',
      explanation: 'De leerling staat ingeschreven op een schoolsoort die niet door OCW wordt bekostigd. De Nummervoorziening geeft daar geen ECK iD voor. Dat is geen fout.',
      action: 'Niets te doen in het LAS. Een methode die het ECK iD vereist, kan deze leerling niet bedienen; overleg zo nodig met de uitgeverij.',
    }),
  },
  {
    code: 'no_agreement',
    applies: ({ board }) => board.numberServiceAgreement === false,
    explain: () => ({
      label: 'bestuur heeft geen overeenkomst met de Nummervoorziening',
      explanation: "Zonder overeenkomst tussen het schoolbestuur en de Nummervoorziening (Kennisnet) geeft de Nummervoorziening geen ECK iD's aan het LAS van de school.",
      action: "Het bestuur meldt zich aan bij de Nummervoorziening van Kennisnet en tekent de overeenkomst. Daarna zet de bestuursbeheerder in Leerpoort 'Overeenkomst met de Nummervoorziening' op ja, en geeft de school het LAS de opdracht ECK iD's op te halen.",
    }),
  },
  {
    code: 'las_not_instructed',
    applies: ({ school }) => school.lasInstructed === false,
    explain: ({ school }) => ({
      label: `${school.lasProduct === null ? 'het LAS' : lasNames[school.lasProduct]} heeft geen opdracht om ECK iD's op te halen`,
      explanation: "Het LAS haalt de ECK iD's op bij de Nummervoorziening, maar alleen als de school het die opdracht geeft. Volgens het LAS is die opdracht er niet.",
      action: lasStep(school.lasProduct),
    }),
  },
  {
    code: 'registered_not_enrolled',
    applies: ({ pupil }) => pupil.enrolment === 'aangemeld',
    explain: () => ({
      label: 'aangemeld, niet ingeschreven',
      explanation: 'De leerling is in het LAS aangemeld maar nog niet ingeschreven. Een ECK iD komt pas na de inschrijving en de uitwisseling met DUO.',
      action: 'Schrijf de leerling in het LAS in zodra de inschrijving rond is en wissel de inschrijving uit met DUO. Het ECK iD volgt daarna vanzelf.',
    }),
  },
  {
    code: 'duo_error',
    applies: ({ pupil }) => pupil.duoExchange === 'fout',
    explain: ({ pupil }) => ({
      label: pupil.duoMessage ? `DUO meldt een fout: ${pupil.duoMessage}` : 'DUO meldt een fout',
      explanation: pupil.duoMessage
        ? `DUO heeft de inschrijving teruggemeld met een fout: "${pupil.duoMessage}". Zolang die er staat, komt er geen ECK iD.`
        : 'DUO heeft de inschrijving teruggemeld met een fout (het LAS gaf de melding niet door). Zolang die er staat, komt er geen ECK iD.',
      action: 'Bekijk de melding van DUO in het LAS en herstel het gegeven (vaak een tikfout in BSN, naam of geboortedatum). Verstuur de inschrijving daarna opnieuw naar DUO en haal de terugkoppeling op.',
    }),
  },
  {
    code: 'unfunded_not_exchanged',
    applies: ({ pupil }) => pupil.duoExchange === 'niet_uitgewisseld' || (pupil.funded === false && pupil.duoExchange === null),
    explain: ({ pupil }) => ({
      label: pupil.funded === false ? 'onbekostigd, niet uitgewisseld met DUO' : 'niet uitgewisseld met DUO',
      explanation: 'De inschrijving is niet (of nog niet) met DUO uitgewisseld. Zonder uitwisseling met DUO komt er geen ECK iD.',
      action: 'Controleer in het LAS de inschrijving van de leerling (bekostiging, BSN of onderwijsnummer, instroomdatum) en verstuur de inschrijving naar DUO.',
    }),
  },
  {
    code: 'duo_feedback_not_fetched',
    applies: ({ pupil }) => pupil.duoExchange === 'uitgewisseld',
    explain: () => ({
      label: 'uitgewisseld met DUO, terugkoppeling niet opgehaald',
      explanation: 'De inschrijving is naar DUO verstuurd, maar de terugkoppeling van DUO is nog niet in het LAS opgehaald. Het LAS vraagt het ECK iD pas daarna aan.',
      action: 'Haal in het LAS de terugkoppeling van DUO op. Meldt DUO daarin een fout, herstel die; anders komt het ECK iD met de volgende uitwisseling.',
    }),
  },
];

const factNames = {
  enrolment: 'inschrijvingsstatus',
  duoExchange: 'DUO-uitwisseling',
  lasInstructed: "opdracht aan het LAS om ECK iD's op te halen",
  agreement: 'overeenkomst van het bestuur met de Nummervoorziening',
} as const;

const dutchList = new Intl.ListFormat('nl', { type: 'conjunction' });

/** Nothing in the table matched: say what Leerpoort does not know, and what to check. */
function unknownReason({ pupil, school, board }: ReadinessFacts): Reason {
  const missing: string[] = [];
  if (pupil.enrolment === null) missing.push(factNames.enrolment);
  if (pupil.duoExchange === null) missing.push(factNames.duoExchange);
  if (school.lasInstructed === null) missing.push(factNames.lasInstructed);
  if (board.numberServiceAgreement === null) missing.push(factNames.agreement);
  const checks = [
    pupil.enrolment === null || pupil.duoExchange === null
      ? 'Kijk in het LAS bij de leerling of die is ingeschreven en met DUO is uitgewisseld, en of de terugkoppeling van DUO is opgehaald.'
      : null,
    school.lasInstructed === null ? `Controleer of het LAS de opdracht heeft om ECK iD's op te halen. ${lasStep(school.lasProduct)}` : null,
    board.numberServiceAgreement === null ? 'Vraag het bestuur of het een overeenkomst met de Nummervoorziening heeft, en laat de bestuursbeheerder dat in Leerpoort vastleggen.' : null,
    'Laat de LAS-koppeling de ECK-status meesturen (zie de handleiding ECK iD-gereedheid), dan kan Leerpoort de oorzaak precies noemen.',
  ].filter((line): line is string => line !== null);
  if (missing.length === 0) {
    return {
      code: 'unknown',
      label: 'onbekend: inschrijving, DUO en LAS zijn in orde, maar er is geen ECK iD',
      explanation: 'Volgens het LAS is de leerling ingeschreven, is de terugkoppeling van DUO opgehaald en heeft het LAS de opdracht ECK iD\'s op te halen. Toch leverde het LAS geen ECK iD.',
      action: 'Kijk in het LAS of het ECK iD bij de leerling staat. Staat het er, stuur dan een nieuwe export naar Leerpoort; staat het er niet, vraag de LAS-leverancier waarom de Nummervoorziening geen ECK iD gaf.',
      expected: false,
    };
  }
  return {
    code: 'unknown',
    label: `onbekend: ${dutchList.format(missing)} ${missing.length === 1 ? 'is' : 'zijn'} niet bekend`,
    explanation: `Leerpoort weet niet waarom het ECK iD ontbreekt: ${dutchList.format(missing)} ${missing.length === 1 ? 'is' : 'zijn'} niet doorgegeven.`,
    action: checks.join(' '),
    expected: false,
  };
}

/** The reason a pupil has no ECK iD; null when the pupil has one. */
export function readinessReason(hasEckid: boolean, facts: ReadinessFacts): Reason | null {
  if (hasEckid) return null;
  for (const rule of rules) {
    if (rule.applies(facts)) return { code: rule.code, expected: rule.expected ?? false, ...rule.explain(facts) };
  }
  return unknownReason(facts);
}

/** Labels of the reason groups as coverage pages head them. */
export const reasonGroupLabels: Record<ReasonCode, string> = {
  unfunded_school_type: 'Geen ECK iD verwacht (onbekostigde schoolsoort)',
  no_agreement: 'Bestuur heeft geen overeenkomst met de Nummervoorziening',
  las_not_instructed: "LAS heeft geen opdracht om ECK iD's op te halen",
  registered_not_enrolled: 'Aangemeld, niet ingeschreven',
  duo_error: 'DUO meldt een fout',
  unfunded_not_exchanged: 'Onbekostigd of niet uitgewisseld met DUO',
  duo_feedback_not_fetched: 'Uitgewisseld met DUO, terugkoppeling niet opgehaald',
  unknown: 'Onbekend',
};
