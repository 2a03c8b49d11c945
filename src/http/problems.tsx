/**
 * File problems (EDEXML errors and warnings) as people read them. The reader's messages
 * already name the line, element and key (FileProblem contract); an ECK iD quoted from a file is masked here as a last line of defence,
 * because ECK iDs are never shown in any page (privacy rule, PRODUCT.md §3).
 */
import type { FileProblem } from '../roster/index.js';
import { formatNumber } from './format.js';

/** ECK iDs as the chain issues them (ketenid.nl) and as the EDEXML manual's examples write them (id.school). */
const ECK_ID = /https?:\/\/(?:ketenid\.nl|id\.school)\/\S+/gi;

export function maskIdentifiers(text: string): string {
  return text.replace(ECK_ID, '[ECK iD]');
}

function isFileProblem(value: unknown): value is FileProblem {
  const v = value as Partial<FileProblem> | null;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.message === 'string' && (v.severity === 'error' || v.severity === 'warning');
}

/** File problems carried by an error's details: either the list itself or `{ errors }`. */
export function fileProblemsOf(details: unknown): FileProblem[] | undefined {
  const list = Array.isArray(details) ? details : (details as { errors?: unknown } | null)?.errors;
  return Array.isArray(list) && list.length > 0 && list.every(isFileProblem) ? list : undefined;
}

export const FileProblemList = (props: { problems: FileProblem[]; heading: string }) =>
  props.problems.length === 0 ? null : (
    <section class="problems" aria-labelledby={`problemen-${props.problems[0].severity}`}>
      <h2 id={`problemen-${props.problems[0].severity}`}>
        {props.heading} ({formatNumber(props.problems.length)})
      </h2>
      <ol>
        {props.problems.map((problem) => (
          <li class={`problem problem-${problem.severity}`}>
            {maskIdentifiers(problem.message)}
          </li>
        ))}
      </ol>
    </section>
  );
