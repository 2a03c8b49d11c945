/**
 * The downloadable receipt: readable Dutch, then the exact content the hash covers, then the
 * hash. Anyone can check it: the SHA-256 of the content line (UTF-8, without line ending) must
 * equal the stated value, e.g. `printf '%s' '<inhoud>' | sha256sum`.
 */
import { formatDateTime } from '../../http/format.js';
import type { ConsentReceipt } from '../types.js';
import { profileLabels } from './texts.js';

export function receiptText(receipt: ConsentReceipt, contentJson: string): string {
  const c = receipt.content;
  const agreement = c.agreement
    ? `ja${c.agreement.reference ? ` (${c.agreement.reference})` : ''}, deelprofiel ${profileLabels[c.agreement.profile]}`
    : 'nee (er worden geen gegevens verstrekt zolang het bestuur geen overeenkomst heeft)';
  return [
    `Ontvangstbewijs ${c.number} – Leerpoort`,
    '',
    `School:                 ${c.school.name} (BRIN ${c.school.brin}, dependance ${c.school.locationCode})`,
    `Uitgeverij:             ${c.publisher.name} (${c.publisher.slug})`,
    `Wijziging:              ${c.action === 'granted' ? 'toestemming gegeven' : 'toestemming ingetrokken'}`,
    `Door:                   ${c.by.name} (${c.by.id})`,
    `Tijdstip:               ${formatDateTime(c.at)} (${c.at})`,
    `Verwerkersovereenkomst: ${agreement}`,
    '',
    'Inhoud (de controlewaarde is de SHA-256 van deze regel):',
    contentJson,
    '',
    `Controlewaarde (SHA-256): ${receipt.hash}`,
    '',
  ].join('\r\n');
}
