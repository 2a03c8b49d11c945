/**
 * The catalogue of problem codes the EDEXML reader can report, and the log that collects
 * them. Codes are stable (machines match on them); the catalogue text says in Dutch what
 * the code means in general, the message of each problem says what exactly is wrong where.
 */
import type { FileProblem } from './model.js';

export const edexmlProblemCodes = {
  'edexml.too_large': 'Het bestand is groter dan de toegestane omvang.',
  'edexml.encoding_unsupported': 'Het bestand gebruikt een tekenset die niet wordt ondersteund (alleen UTF-8 en ISO-8859-1/windows-1252).',
  'edexml.encoding_invalid': 'Het bestand bevat bytes die niet passen bij de opgegeven tekenset.',
  'edexml.malformed': 'Het bestand is geen goed gevormde XML.',
  'edexml.doctype_refused': 'Het bestand bevat een DOCTYPE/DTD; die wordt om veiligheidsredenen geweigerd.',
  'edexml.entity_refused': 'Het bestand gebruikt een onbekende entiteit (&naam;); die wordt niet uitgevouwen.',
  'edexml.not_edexml': 'Het hoofdelement is niet <EDEX>: dit is geen EDEXML-bestand.',
  'edexml.unexpected_element': 'Een element staat op een plek waar het niet hoort, of is onbekend.',
  'edexml.repeated_element': 'Een element komt vaker voor dan toegestaan.',
  'edexml.required_element': 'Een verplicht element ontbreekt.',
  'edexml.unexpected_text': 'Er staat tekst tussen elementen waar alleen elementen horen.',
  'edexml.unexpected_attribute': 'Een element heeft een attribuut dat daar niet hoort.',
  'edexml.required_attribute': 'Een verplicht attribuut ontbreekt.',
  'edexml.invalid_value': 'Een waarde voldoet niet aan het type uit de EDEXML-standaard.',
  'edexml.duplicate_key': 'Twee records van dezelfde soort hebben dezelfde key.',
  'edexml.duplicate_eckid': 'Twee leerlingen of twee leerkrachten hebben hetzelfde ECK iD.',
  'edexml.unknown_reference': 'Een verwijzing naar een groep, samengestelde groep of vestiging die niet in het bestand staat.',
  'edexml.too_many_problems': 'Er zijn meer fouten dan getoond worden.',
  'edexml.version_missing': 'Het bestand noemt geen EDEXML-versie (xsdversie).',
  'edexml.pupil_without_group': 'Een leerling heeft geen stamgroep.',
  'edexml.too_many_warnings': 'Er zijn meer waarschuwingen dan getoond worden.',
} as const satisfies Record<string, string>;

export type EdexmlProblemCode = keyof typeof edexmlProblemCodes;

export interface ProblemPlace {
  line: number | null;
  element: string | null;
  key: string | null;
}

/** Enough to read and fix a file; more is noise (and memory for a broken 60 MB file). */
const MAX_ERRORS = 200;
const MAX_WARNINGS = 50;

export class ProblemLog {
  readonly errors: FileProblem[] = [];
  readonly warnings: FileProblem[] = [];
  private hiddenErrors = 0;
  private hiddenWarnings = 0;

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** `text` is the Dutch message without the line; the log puts "Regel N: " in front. */
  error(code: EdexmlProblemCode, text: string, place: ProblemPlace): void {
    if (this.errors.length >= MAX_ERRORS) this.hiddenErrors++;
    else this.errors.push(problem('error', code, text, place));
  }

  warning(code: EdexmlProblemCode, text: string, place: ProblemPlace): void {
    if (this.warnings.length >= MAX_WARNINGS) this.hiddenWarnings++;
    else this.warnings.push(problem('warning', code, text, place));
  }

  /** The collected problems, each list closed by one summary line when some were left out. */
  finish(): { errors: FileProblem[]; warnings: FileProblem[] } {
    const nowhere = { line: null, element: null, key: null };
    if (this.hiddenErrors > 0) {
      this.errors.push(problem('error', 'edexml.too_many_problems',
        `En nog ${this.hiddenErrors} andere fout(en); alleen de eerste ${MAX_ERRORS} worden getoond.`, nowhere));
    }
    if (this.hiddenWarnings > 0) {
      this.warnings.push(problem('warning', 'edexml.too_many_warnings',
        `En nog ${this.hiddenWarnings} andere waarschuwing(en); alleen de eerste ${MAX_WARNINGS} worden getoond.`, nowhere));
    }
    this.hiddenErrors = 0;
    this.hiddenWarnings = 0;
    return { errors: this.errors, warnings: this.warnings };
  }
}

function problem(severity: FileProblem['severity'], code: EdexmlProblemCode, text: string, place: ProblemPlace): FileProblem {
  const message = place.line === null ? text.charAt(0).toUpperCase() + text.slice(1) : `Regel ${place.line}: ${text}`;
  return { severity, code, message, line: place.line, element: place.element, key: place.key };
}
