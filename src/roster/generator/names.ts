/**
 * Names as Dutch school rosters hold them (NEN 1888 parts: achternaam, voorvoegsel, voornamen,
 * voorletters, roepnaam), with the voorvoegsels and the diversity that break naive code:
 * "van 't Hof", "in 't Veld", "Yılmaz", "Zoë", "Nguyễn" (outside Latin-1), "El Amrani".
 */
import type { EdexPersonName } from '../edexml/model.js';
import type { Random } from './random.js';

export type Sex = 'male' | 'female';

const SURNAMES: ReadonlyArray<readonly [string | null, string]> = [
  [null, 'Jansen'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], [null, 'Bakker'], [null, 'Visser'],
  [null, 'Smit'], [null, 'Meijer'], ['de', 'Boer'], [null, 'Mulder'], ['de', 'Groot'], [null, 'Bos'],
  [null, 'Vos'], [null, 'Peters'], [null, 'Hendriks'], ['van', 'Leeuwen'], [null, 'Dekker'], [null, 'Brouwer'],
  ['de', 'Wit'], [null, 'Dijkstra'], ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'], [null, 'Kok'],
  ['de', 'Haan'], [null, 'Vermeulen'], ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'],
  ['de', 'Bruijn'], ['de', 'Jong'], ["van 't", 'Hof'], ['ter', 'Horst'], ["in 't", 'Veld'], ['van der', 'Heijden'],
  [null, 'Schouten'], ['van', 'Beek'], [null, 'Willems'], ['van de', 'Ven'], [null, 'Hoekstra'], [null, 'Maas'],
  [null, 'Verhoeven'], [null, 'Koster'], ['van', 'Dam'], ['van der', 'Wal'], [null, 'Prins'], [null, 'Blom'],
  [null, 'Huisman'], ['de', 'Jonge'], [null, 'Kuipers'], [null, 'Veenstra'], [null, 'Kramer'], ['van den', 'Brink'],
  [null, 'Scholten'], ['van', 'Wijk'], [null, 'Postma'], ['de', 'Ruiter'], [null, 'Timmermans'], [null, 'Groen'],
  [null, 'Jonker'], ['van', 'Loon'], ['ter', 'Beek'], ["van 't", 'Zand'], ['ten', 'Brink'], ['op den', 'Kamp'],
  [null, 'Tuinstra'], ['van', 'Ooststroom'], [null, "D'Hondt"], [null, 'Smeets-Janssen'],
  [null, 'Yılmaz'], [null, 'Kaya'], [null, 'Demir'], [null, 'Şahin'], [null, 'Çelik'], [null, 'Öztürk'],
  [null, 'El Amrani'], [null, 'El Idrissi'], [null, 'Bouzid'], [null, 'Benali'], [null, 'Aït Taleb'],
  [null, 'Nguyễn'], [null, 'Trần'], [null, 'Lê'], [null, 'Nowak'], [null, 'Kovačević'], [null, 'Ahmadi'],
  [null, 'Hosseini'], [null, 'Abdi'], [null, 'Tesfaye'], [null, 'Mensah'], [null, 'Boateng'], [null, 'Pinas'],
  [null, 'Sedney'], [null, 'Martina'], [null, 'Soares'], [null, 'García'], [null, 'Rossi'], [null, 'Müller'],
  [null, 'Ramdin'], [null, 'Jagroep'], [null, 'Chen'], [null, 'Haddad'], [null, 'Al-Masri'], [null, 'Hakobyan'],
];

const CHILD_NAMES: Record<Sex, readonly string[]> = {
  male: ['Noah', 'Sem', 'Liam', 'Lucas', 'Daan', 'Finn', 'Levi', 'Luuk', 'Mees', 'James', 'Milan', 'Sam', 'Noud',
    'Bram', 'Jesse', 'Thijs', 'Adam', 'Mohammed', 'Ismaël', 'Joël', 'Jurre', 'Siem', 'Teun', 'Gijs', 'Olivier',
    'Ruben', 'Boaz', 'Hugo', 'Stijn', 'Max', 'Julian', 'Ravi', 'Yusuf', 'Emir', 'Ömer', 'Ayoub', 'Rayan', 'Minh',
    'Mateusz', 'Matthijs', 'Wout', 'Otis', 'Ties', 'Guus', 'Floris', 'Dex', 'Zakaria', 'Amir', 'Kerem', 'IJsbrand'],
  female: ['Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Sara', 'Nora', 'Yara', 'Eva', 'Liv', 'Lotte', 'Evi',
    'Noor', 'Anna', 'Saar', 'Fenna', 'Lieke', 'Fleur', 'Isa', 'Roos', 'Sanne', 'Maud', 'Noa', 'Fatima', 'Aya',
    'Nour', 'Yasmina', 'Elif', 'Zeynep', 'Hiba', 'Linh', 'Maja', 'Zuzanna', 'Amélie', 'Chloë', 'Anouk', 'Jasmijn',
    'Femke', 'Merel', 'Lynn', 'Floor', 'Renée', 'Inaya', 'Ayşe', 'Hanna', 'Ilse', 'Esmée', 'Lise', 'Dewi'],
};

const ADULT_NAMES: Record<Sex, readonly string[]> = {
  male: ['Jeroen', 'Mark', 'Bas', 'Martijn', 'Rob', 'Erik', 'Peter', 'Dennis', 'Hakan', 'Youssef', 'Wim', 'Joost',
    'Arjen', 'Niels', 'Sander', 'Thomas', 'Ömer', 'Rachid'],
  female: ['Marieke', 'Annemiek', 'Linda', 'Sandra', 'Esther', 'Ingrid', 'Mirjam', 'Karin', 'Saskia', 'Petra',
    'Hatice', 'Nadia', 'Judith', 'Ilona', 'Femke', 'Els', 'Renée', 'Joyce', 'Wendy', 'Naïma'],
};

const MIDDLE_NAMES: Record<Sex, readonly string[]> = {
  male: ['Johannes', 'Pieter', 'Hendrik', 'Jan', 'Willem', 'Cornelis', 'Mohamed', 'Ali', 'Jacobus', 'Alexander'],
  female: ['Maria', 'Anna', 'Elisabeth', 'Johanna', 'Sophie', 'Catharina', 'Fatma', 'Wilhelmina', 'Louise'],
};

/** Formal baptismal names with the roepnaam families actually use. */
const FORMAL_NAMES: Record<Sex, ReadonlyArray<readonly [string, string]>> = {
  male: [['Johannes', 'Hans'], ['Cornelis', 'Kees'], ['Wilhelmus', 'Wim'], ['Alexander', 'Sander'], ['Jacobus', 'Koos']],
  female: [['Catharina', 'Karin'], ['Elisabeth', 'Lisa'], ['Johanna', 'Anneke'], ['Wilhelmina', 'Mien']],
};

/** Voorletters-1: the initial of each voornaam; the Dutch digraph IJ stays one initial ("IJsbrand" → IJ). */
export function initialsOf(firstNames: string): string {
  return firstNames
    .split(' ')
    .map((name) => (name.startsWith('IJ') ? 'IJ' : [...name][0]))
    .join('')
    .slice(0, 6); // EDEXVoorletters-1Type allows at most 6 characters
}

export function personName(rng: Random, sex: Sex, adult: boolean): EdexPersonName {
  const [prefix, lastName] = rng.pick(SURNAMES);
  const formal = rng.chance(0.05) ? rng.pick(FORMAL_NAMES[sex]) : null;
  const first = formal ? formal[0] : rng.pick((adult ? ADULT_NAMES : CHILD_NAMES)[sex]);
  const nickname = formal ? formal[1] : first;
  const middleCount = adult ? 0 : rng.pick([0, 1, 1, 2]);
  const middles: string[] = [];
  while (middles.length < middleCount) {
    const middle = rng.pick(MIDDLE_NAMES[sex]);
    if (middle !== first && !middles.includes(middle)) middles.push(middle);
  }
  const firstNames = [first, ...middles].join(' ');
  // Staff records in LAS exports often carry only voorletters and roepnaam; a few pupils too.
  const withFirstNames = adult ? rng.chance(0.4) : rng.chance(0.97);
  return { lastName, prefix, firstNames: withFirstNames ? firstNames : null, initials: initialsOf(firstNames), nickname };
}
