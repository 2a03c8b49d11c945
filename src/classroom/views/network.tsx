/** `/beheer/scholen/:schoolId/netwerk`: the school's IP ranges and the IP tool token. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, ErrorSummary, Notice } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import type { AppError } from '../../lib/errors.js';
import { overviewTexts } from './overview-texts.js';

const t = overviewTexts.network;

export interface NetworkPageProps {
  context: PageContext;
  schoolId: number;
  schoolName: string;
  manual: string[];
  dynamic: { cidr: string; updated_at: string } | null;
  token: { created_at: string } | null;
  input: string | null;
  error: AppError | null;
  notice: string | null;
  newToken: string | null;
}

export const NetworkPage = (props: NetworkPageProps) => {
  const path = `/beheer/scholen/${props.schoolId}/netwerk`;
  return (
    <Layout title={t.title} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.schoolId}`, label: props.schoolName }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      {props.error ? <ErrorSummary errors={[{ fieldId: 'netwerk-ranges', message: props.error.message }]} /> : null}
      <p>{t.intro}</p>
      {props.manual.length === 0 && !props.dynamic ? <p><strong>{t.none}</strong></p> : null}
      <form method="post" action={path}>
        <CsrfField token={props.context.csrfToken} />
        <label for="netwerk-ranges">{t.rangesLabel}</label>
        <p class="hint" id="netwerk-ranges-hint">
          {t.rangesHint}
        </p>
        <textarea id="netwerk-ranges" name="ranges" rows={5} cols={40} aria-describedby="netwerk-ranges-hint" aria-invalid={props.error ? 'true' : undefined}>
          {props.input ?? props.manual.join('\n')}
        </textarea>
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
      <h2>{t.dynamicTitle}</h2>
      <p>{t.dynamicIntro}</p>
      {props.dynamic ? <p>{t.dynamicCurrent(props.dynamic.cidr, formatDateTime(props.dynamic.updated_at))}</p> : null}
      <p>{props.token ? t.tokenCreated(formatDateTime(props.token.created_at)) : t.tokenNone}</p>
      {props.newToken ? (
        <p class="shown-once">
          {t.newTokenShown} <code>{props.newToken}</code>
        </p>
      ) : null}
      <form method="post" action={`${path}/sleutel`}>
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{t.newToken}</button>
      </form>
    </Layout>
  );
};
