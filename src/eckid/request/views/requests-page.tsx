/**
 * The school's page for "Leerpoort vraagt ECK iD's aan": the setting (ICT-coördinator, board
 * admin or operator) and how far the requests are. Never shows an ECK iD or a number.
 */
import { CsrfField, Notice } from '../../../http/forms.js';
import { formatDateTime, formatNumber } from '../../../http/format.js';
import { Layout, type PageContext } from '../../../http/layout.js';
import type { EckidRequestProgress, EckidRequestSettings } from '../types.js';

export const requestsPath = (schoolId: number) => `/beheer/scholen/${schoolId}/eck-id/aanvragen`;

const failureTexts: Record<string, string> = {
  'eckid.requests_disabled': 'de school zette het aanvragen uit',
  'eckid.hpgn_salt_missing': 'de salt voor hPGN ontbreekt',
  'eckid.pgn_missing': 'geen BSN of onderwijsnummer',
  'eckid.request_error': 'herhaald mislukt (zie het logboek van de server)',
  'nummervoorziening.not_configured': 'geen verbinding met de Nummervoorziening ingesteld',
  'nummervoorziening.invalid_input': 'de Nummervoorziening weigerde het nummer',
  'nummervoorziening.not_authorized': 'de Nummervoorziening kent geen overeenkomst voor deze organisatie',
};

export const EckidRequestsPage = (props: {
  context: PageContext;
  school: { id: number; name: string };
  settings: EckidRequestSettings;
  progress: EckidRequestProgress;
  unavailable: string | null;
  notice: string | null;
}) => {
  const { settings, progress } = props;
  return (
    <Layout title={`ECK iD's aanvragen – ${props.school.name}`} context={props.context}
      crumbs={[{ href: `/beheer/scholen/${props.school.id}/eck-id`, label: 'ECK iD' }]}>
      {props.notice && <Notice message={props.notice} />}
      <p>
        Levert uw leerlingadministratie (LAS) geen ECK iD's? Dan kan Leerpoort ze aanvragen bij de Nummervoorziening van
        Kennisnet. Leerpoort gebruikt daarvoor het BSN of onderwijsnummer uit het EDEXML-bestand, maakt er direct een
        onomkeerbare code (hPGN) van en bewaart het nummer zelf nooit.
      </p>
      {props.unavailable && <p class="error" role="alert">Aanvragen kan nu niet: {props.unavailable}</p>}
      <form method="post" action={requestsPath(props.school.id)}>
        <CsrfField token={props.context.csrfToken} />
        <fieldset>
          <legend>Leerpoort vraagt ECK iD's aan</legend>
          <label><input type="radio" name="aanvragen" value="aan" checked={settings.requestsEnabled} required /> Ja, voor leerlingen zonder ECK iD</label>
          <label><input type="radio" name="aanvragen" value="uit" checked={!settings.requestsEnabled} /> Nee, het LAS levert de ECK iD's</label>
        </fieldset>
        {settings.updatedBy && settings.updatedAt && <p>Laatst gewijzigd door {settings.updatedBy} op {formatDateTime(settings.updatedAt)}.</p>}
        <button type="submit">Opslaan</button>
      </form>
      <h2>Voortgang</h2>
      {progress.total === 0 ? <p>Er zijn nog geen aanvragen.</p> : (
        <dl>
          <dt>Aanvragen</dt><dd>{formatNumber(progress.total)}</dd>
          <dt>ECK iD ontvangen</dt><dd>{formatNumber(progress.done)} van {formatNumber(progress.total)}</dd>
          <dt>Nog bezig</dt><dd>{formatNumber(progress.waiting)}</dd>
          <dt>Niet meer nodig (het LAS leverde er een)</dt><dd>{formatNumber(progress.skipped)}</dd>
          <dt>Mislukt</dt><dd>{formatNumber(progress.failed)}</dd>
        </dl>
      )}
      {progress.failed > 0 && (
        <ul>
          {Object.entries(progress.failures).map(([code, count]) => <li>{formatNumber(count)}: {failureTexts[code] ?? code}</li>)}
        </ul>
      )}
    </Layout>
  );
};
