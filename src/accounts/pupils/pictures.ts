/**
 * The shipped leerlingplaatjes (src/http/assets/pictures/<id>.svg): simple, distinct pictures a
 * child recognises without reading. The Dutch name is the picture's accessible label. The first
 * nine form the picture-code grid, so a picture code is 4 picks from 9 (9^4 = 6,561 codes; the
 * attempt limits, not the key space, keep them safe).
 */
export interface Picture {
  id: string;
  name: string;
}

export const PICTURES: readonly Picture[] = [
  { id: 'kat', name: 'Kat' },
  { id: 'hond', name: 'Hond' },
  { id: 'vis', name: 'Vis' },
  { id: 'zon', name: 'Zon' },
  { id: 'appel', name: 'Appel' },
  { id: 'huis', name: 'Huis' },
  { id: 'auto', name: 'Auto' },
  { id: 'ster', name: 'Ster' },
  { id: 'bal', name: 'Bal' },
  { id: 'peer', name: 'Peer' },
  { id: 'banaan', name: 'Banaan' },
  { id: 'boom', name: 'Boom' },
  { id: 'bloem', name: 'Bloem' },
  { id: 'fiets', name: 'Fiets' },
  { id: 'boot', name: 'Boot' },
  { id: 'maan', name: 'Maan' },
  { id: 'hart', name: 'Hart' },
  { id: 'vogel', name: 'Vogel' },
  { id: 'muis', name: 'Muis' },
  { id: 'wolk', name: 'Wolk' },
  { id: 'paraplu', name: 'Paraplu' },
  { id: 'sleutel', name: 'Sleutel' },
  { id: 'beker', name: 'Beker' },
  { id: 'trein', name: 'Trein' },
  { id: 'schildpad', name: 'Schildpad' },
  { id: 'olifant', name: 'Olifant' },
];

export const CODE_LENGTH = 4;
export const GRID_PICTURES: readonly Picture[] = PICTURES.slice(0, 9);

const byId = new Map(PICTURES.map((picture) => [picture.id, picture]));

export function pictureById(id: string): Picture | undefined {
  return byId.get(id);
}

export function isGridPicture(id: string): boolean {
  return GRID_PICTURES.some((picture) => picture.id === id);
}

/** A picture code as stored before hashing: the grid ids joined, e.g. "kat-zon-vis-kat". */
export function pictureCodeOf(picks: readonly string[]): string | null {
  if (picks.length !== CODE_LENGTH || !picks.every(isGridPicture)) return null;
  return picks.join('-');
}
