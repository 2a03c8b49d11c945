/**
 * One import: while it waits (preview or held) the page shows exactly what will change and
 * asks for confirmation; afterwards it shows what happened, with undo where possible.
 */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, Notice } from '../../http/forms.js';
import { formatDateTime, formatNumber, formatPercent } from '../../http/format.js';
import { FileProblemList } from '../../http/problems.js';
import type { School } from '../../organisations/index.js';
import type { GuardResult, ImportRecord, ImportSummary, LasTokenInfo } from '../types.js';
import { ChangeLists } from './changes.js';
import { CountsTable, describeActor, importPath, schoolCrumbs, schoolPath } from './shared.js';
import { rosterTexts as t, sourceNames, statusNames } from './texts.js';

interface ImportPageProps {
  context: PageContext;
  school: School;
  record: ImportRecord;
  tokens: LasTokenInfo[];
  notice: string | null;
}

const Facts = (props: { record: ImportRecord; tokens: LasTokenInfo[] }) => {
  const r = props.record;
  return (
    <dl class="facts" aria-label={t.importPage.facts}>
      <dt>{t.importPage.status}</dt>
      <dd class="status">{statusNames[r.status]}</dd>
      <dt>{t.importPage.when}</dt>
      <dd>{formatDateTime(r.createdAt)}</dd>
      {r.appliedAt ? (
        <>
          <dt>{t.importPage.appliedAt}</dt>
          <dd>{formatDateTime(r.appliedAt)}</dd>
        </>
      ) : null}
      {r.revertedAt ? (
        <>
          <dt>{t.importPage.revertedAt}</dt>
          <dd>{`${formatDateTime(r.revertedAt)}${r.revertedBy ? ` – ${describeActor(r.revertedBy, props.tokens)}` : ''}`}</dd>
        </>
      ) : null}
      <dt>{t.importPage.who}</dt>
      <dd>{describeActor(r.actor, props.tokens)}</dd>
      <dt>{t.importPage.source}</dt>
      <dd>{sourceNames[r.source]}</dd>
      <dt>{t.importPage.schoolYear}</dt>
      <dd>{r.schoolYear ?? ''}</dd>
    </dl>
  );
};

const GuardNotice = (props: { guard: GuardResult }) => {
  const g = props.guard;
  const share = g.activePupils === 0 ? 0 : g.wouldDeactivate / g.activePupils;
  return (
    <div class="warning" role="alert">
      <p>{t.importPage.guard(formatPercent(share), formatNumber(g.wouldDeactivate), formatNumber(g.activePupils), formatPercent(g.limit))}</p>
    </div>
  );
};

const ConfirmButtons = (props: { schoolId: number; importId: number; csrfToken: string }) => (
  <div class="actions">
    <form method="post" action={`${importPath(props.schoolId, props.importId)}/bevestigen`}>
      <CsrfField token={props.csrfToken} />
      <button type="submit">{t.importPage.confirm}</button>
    </form>
    <form method="post" action={`${importPath(props.schoolId, props.importId)}/annuleren`}>
      <CsrfField token={props.csrfToken} />
      <button type="submit" class="secondary">
        {t.importPage.discard}
      </button>
    </form>
  </div>
);

export const PendingImportPage = (props: ImportPageProps & { summary: ImportSummary }) => (
  <Layout title={t.importPage.title(props.record.fileName)} context={props.context} crumbs={schoolCrumbs(props.school, props.context.actor)}>
    <p class="lead">{props.record.status === 'held' ? t.importPage.heldIntro : t.importPage.previewIntro}</p>
    {props.summary.guard?.tripped ? <GuardNotice guard={props.summary.guard} /> : null}
    <Facts record={props.record} tokens={props.tokens} />
    <CountsTable counts={props.summary.counts} />
    <FileProblemList problems={props.summary.warnings} heading={t.importPage.warnings} />
    <ChangeLists changes={props.summary.changes} />
    <ConfirmButtons schoolId={props.school.id} importId={props.record.id} csrfToken={props.context.csrfToken} />
  </Layout>
);

const outcomeText: Partial<Record<ImportRecord['status'], string>> = {
  refused: `${t.importPage.refused} ${t.importPage.nothingChanged}`,
  discarded: t.importPage.discarded,
  reverted: t.importPage.reverted,
};

export const ImportResultPage = (props: ImportPageProps) => {
  const r = props.record;
  const errors = r.problems.filter((problem) => problem.severity === 'error');
  const warnings = r.problems.filter((problem) => problem.severity === 'warning');
  return (
    <Layout title={t.importPage.title(r.fileName)} context={props.context} crumbs={schoolCrumbs(props.school, props.context.actor)}>
      {props.notice ? <Notice message={props.notice} /> : null}
      {outcomeText[r.status] ? <p class="lead">{outcomeText[r.status]}</p> : null}
      <Facts record={r} tokens={props.tokens} />
      {r.status === 'refused' ? null : <CountsTable counts={r.counts} />}
      <FileProblemList problems={errors} heading={t.importPage.errors} />
      <FileProblemList problems={warnings} heading={t.importPage.warnings} />
      <div class="actions">
        {r.canUndo ? <a href={`${importPath(props.school.id, r.id)}/ongedaan-maken`}>{t.importPage.undo}</a> : null}
        <a href={schoolPath(props.school.id)}>{t.importPage.back}</a>
      </div>
    </Layout>
  );
};

export const UndoPage = (props: { context: PageContext; school: School; record: ImportRecord; tokens: LasTokenInfo[] }) => (
  <Layout title={t.undo.title} context={props.context} crumbs={schoolCrumbs(props.school, props.context.actor)}>
    <p class="lead">{t.undo.intro}</p>
    <Facts record={props.record} tokens={props.tokens} />
    <CountsTable counts={props.record.counts} />
    <form method="post" action={`${importPath(props.school.id, props.record.id)}/ongedaan-maken`}>
      <CsrfField token={props.context.csrfToken} />
      <fieldset>
        <legend>{t.undo.question}</legend>
        <div class="actions">
          <button type="submit" class="danger">
            {t.undo.confirm}
          </button>
          <a href={importPath(props.school.id, props.record.id)}>{t.undo.cancel}</a>
        </div>
      </fieldset>
    </form>
  </Layout>
);
