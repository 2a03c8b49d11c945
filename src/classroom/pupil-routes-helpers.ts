/**
 * Pure helpers for the pupil login pages: reading a picture code as it is tapped in, and the
 * kind sentence for each login outcome.
 */
import { CODE_LENGTH, GRID_PICTURES, type LoginOutcome } from '../accounts/pupils/index.js';
import { pupilTexts } from './views/pupil-texts.js';

const gridIds = new Set(GRID_PICTURES.map((p) => p.id));

/** Picks so far (hidden field) plus the button just tapped; anything that is not a grid picture starts over. */
export function nextPicks(sofar: string | undefined, pick: string | undefined): string[] {
  const earlier = (sofar ?? '').split('-').filter(Boolean);
  const all = pick ? [...earlier, pick] : earlier;
  if (all.length > CODE_LENGTH || !all.every((id) => gridIds.has(id))) return [];
  return all;
}

export function outcomeMessage(outcome: Exclude<LoginOutcome, { result: 'ok' }>): string {
  switch (outcome.result) {
    case 'wrong':
      return pupilTexts.wrong;
    case 'locked':
      return pupilTexts.locked;
    case 'device_blocked':
      return pupilTexts.deviceBlocked;
    case 'ip_blocked':
      return pupilTexts.ipBlocked;
    case 'outside_network':
      return pupilTexts.outsideRefused;
    case 'unknown':
      return pupilTexts.noCode;
  }
}
