/**
 * `ledger.record`: checks a disclosure before it is chained. Only known attribute NAMES pass, so
 * a value (an ECK iD, a name) can never end up in the ledger by mistake.
 */
import { AppError } from '../../lib/errors.js';
import { SHARING_PROFILES, attributesOf, type ReleasedAttribute } from '../../sso/index.js';
import type { DisclosureInput } from '../types.js';
import type { UnchainedEntry } from './append-locked.js';

const KNOWN = new Set<string>(attributesOf(SHARING_PROFILES[SHARING_PROFILES.length - 1]));
const CHANNELS = new Set(['oidc', 'saml', 'api']);

const invalid = (detail: string) => new AppError('privacy.invalid_disclosure', { detail });

function positiveId(value: unknown, name: string): number {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) throw invalid(`${name} ontbreekt of is geen nummer`);
  return value as number;
}

export function toUnchained(input: DisclosureInput, at: string): UnchainedEntry {
  if (input.subject?.kind !== 'pupil' && input.subject?.kind !== 'staff') throw invalid('onbekende soort betrokkene');
  if (!CHANNELS.has(input.channel)) throw invalid(`onbekend kanaal ${String(input.channel)}`);
  const names: ReleasedAttribute[] = [];
  for (const name of input.attributes ?? []) {
    if (!KNOWN.has(name)) throw invalid('alleen namen van gegevens mogen in de log, geen waarden');
    if (!names.includes(name)) names.push(name);
  }
  const recipient = String(input.recipient ?? '');
  if (recipient.length === 0 || recipient.length > 1000) throw invalid('ontvanger ontbreekt of is te lang');
  return {
    at,
    school_id: positiveId(input.schoolId, 'school'),
    board_id: positiveId(input.boardId, 'bestuur'),
    publisher_id: positiveId(input.publisherId, 'uitgeverij'),
    subject_kind: input.subject.kind,
    subject_id: positiveId(input.subject.id, 'betrokkene'),
    attributes: JSON.stringify(names),
    channel: input.channel,
    recipient,
    agreement_id: positiveId(input.agreementId, 'overeenkomst'),
  };
}
