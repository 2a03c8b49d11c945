/**
 * The concrete step per LAS for "the LAS was not told to fetch ECK iDs". Each LAS vendor
 * switches ECK iD retrieval on for a school once the school asks for it (eck-id.nl, "ECK iD
 * gebruiken in PO", step 2: inform your LAS vendor). Contact routes as the vendors publish
 * them; docs/eckid-readiness.md keeps the sources.
 */
import type { LasProduct } from './facts.js';

export const lasNames: Record<LasProduct, string> = {
  parnassys: 'ParnasSys',
  esis: 'ESIS',
  dotcom: 'Dotcom/SchoolOAS',
  topicus: 'Topicus (Somtoday PO)',
  unilogic: 'Unilogic',
  overig: 'uw LAS',
};

const steps: Record<LasProduct, string> = {
  parnassys:
    "ParnasSys: laat de schoolbeheerder in ParnasSys het ECK iD aanzetten (de opdracht om ECK iD's op te halen bij de Nummervoorziening; zie de ECK iD-pagina van ParnasSys, nieuws.parnassys.nl/eck-id). ParnasSys haalt de ECK iD's daarna zelf op; de volgende export naar Leerpoort brengt ze mee.",
  esis:
    "ESIS: meld bij Rovict (info@rovict.nl) dat de school het ECK iD gebruikt en laat het ophalen van ECK iD's voor deze school aanzetten. Daarna staan de ECK iD's in ESIS en komen ze met de volgende export naar Leerpoort.",
  dotcom:
    "Dotcom/SchoolOAS: meld bij Dotcomschool (info@dotcomschool.nl) dat de school het ECK iD gebruikt en laat in SchoolOAS het ophalen van ECK iD's aanzetten. De volgende export naar Leerpoort brengt ze mee.",
  topicus:
    "Topicus: vraag via de supportdesk van Topicus om het ophalen van ECK iD's bij de Nummervoorziening voor deze school aan te zetten.",
  unilogic:
    "Unilogic: meld bij de helpdesk van Unilogic (helpdesk@unilogic.nl) dat de school het ECK iD gebruikt en laat het ophalen van ECK iD's aanzetten.",
  overig:
    "Vraag uw LAS-leverancier om het ophalen van ECK iD's bij de Nummervoorziening voor deze school aan te zetten.",
};

/** The step for this school's LAS; unknown LAS: the generic step plus the three most used ones. */
export function lasStep(product: LasProduct | null): string {
  if (product !== null) return steps[product];
  return `Welk LAS de school gebruikt, is Leerpoort niet bekend. ${steps.overig} Bij ParnasSys, ESIS en Dotcom/SchoolOAS: ${steps.parnassys} ${steps.esis} ${steps.dotcom}`;
}
