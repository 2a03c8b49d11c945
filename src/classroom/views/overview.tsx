/** The teacher's group overview (first version): pupils with picture, last login, lock, home login, codes and cards. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, TextField } from '../../http/forms.js';
import { formatDate, formatDateTime } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import { PICTURES, displayName, pictureById, type PupilListing } from '../../accounts/pupils/index.js';
import { overviewTexts as t } from './overview-texts.js';

export interface GroupRef {
  id: number;
  name: string;
  kind: string;
}

export const groupsPath = (schoolId: number) => `/beheer/scholen/${schoolId}/groepen`;

const timeOf = (iso: string) => new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

export const GroupsPage = (props: { context: PageContext; schoolId: number; schoolName: string; groups: GroupRef[]; substitutesLink: boolean }) => (
  <Layout title={t.groupsTitle(props.schoolName)} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.schoolId}`, label: props.schoolName }]}>
    <DataTable
      caption={t.groupsCaption}
      columns={[{ label: t.groupColumn }]}
      rows={props.groups}
      empty={t.groupsEmpty}
      row={(group) => (
        <tr>
          <td>
            <a href={`${groupsPath(props.schoolId)}/${group.id}`}>{group.name}</a>
            {group.kind === 'subgroup' ? ` (${t.kindSubgroup})` : ''}
          </td>
        </tr>
      )}
    />
    {props.substitutesLink ? (
      <p>
        <a href={`/beheer/scholen/${props.schoolId}/invallers`}>{t.substitutesLink}</a>
      </p>
    ) : null}
  </Layout>
);

/** One small POST form with one button: every action on a pupil is a plain form (CSRF-checked). */
const ActionButton = (props: { action: string; label: string; csrfToken: string; fields?: Record<string, string> }) => (
  <form method="post" action={props.action} class="inline">
    <CsrfField token={props.csrfToken} />
    {Object.entries(props.fields ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button type="submit">{props.label}</button>
  </form>
);

function credentialStatus(pupil: PupilListing): string {
  const c = pupil.credential;
  return [
    c?.picture_code_hash ? t.pictureCodeSet : t.pictureCodeMissing,
    c?.pincode_hash ? t.pincodeSet : t.pincodeMissing,
    c?.card_token_hash && c.card_issued_at ? t.cardIssued(formatDate(c.card_issued_at)) + (c.card_token_sealed ? '' : ` (${t.cardNeedsReissue})`) : t.cardMissing,
  ].join(', ');
}

const PupilRow = (props: { pupil: PupilListing; base: string; csrfToken: string; now: string; picture: string; eckidReason?: string | null }) => {
  const { pupil, base, csrfToken } = props;
  const c = pupil.credential;
  const name = displayName(pupil);
  const path = `${base}/leerlingen/${pupil.pupilId}`;
  const locked = c?.locked_until && c.locked_until > props.now ? c.locked_until : null;
  return (
    <tr>
      <td>
        <img src={`/assets/pictures/${props.picture}.svg`} alt={pictureById(props.picture)?.name ?? ''} width="40" height="40" />
        <form method="post" action={`${path}/plaatje`} class="inline">
          <CsrfField token={csrfToken} />
          <label class="visually-hidden" for={`plaatje-${pupil.pupilId}`}>
            {t.pictureLabel(name)}
          </label>
          <select id={`plaatje-${pupil.pupilId}`} name="picture">
            {PICTURES.map((p) => (
              <option value={p.id} selected={p.id === props.picture}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit">{t.pictureSave}</button>
        </form>
      </td>
      <td>{name}</td>
      <td>{c?.last_login_at ? formatDateTime(c.last_login_at) : t.never}</td>
      <td>
        {locked ? <strong>{t.lockedUntil(timeOf(locked))}</strong> : t.notLocked}
        {locked ? <ActionButton action={`${path}/ontgrendelen`} label={t.unlock} csrfToken={csrfToken} /> : null}
      </td>
      <td>
        {c?.home_login === 1 ? t.homeOn : t.homeOff}{' '}
        <ActionButton action={`${path}/thuisinlog`} label={c?.home_login === 1 ? t.homeTurnOff : t.homeTurnOn} csrfToken={csrfToken} fields={{ aan: c?.home_login === 1 ? '0' : '1' }} />
      </td>
      <td>{credentialStatus(pupil)}</td>
      {/* The reason comes from the ECK iD readiness check (eckid/readiness); never the ECK iD itself. */}
      <td>{pupil.hasEckid ? t.eckidPresent : props.eckidReason ? `ECK iD ${t.eckidMissing}: ${props.eckidReason}` : t.eckidMissing}</td>
      <td>
        <ActionButton action={`${path}/plaatjescode`} label={t.resetPictureCode} csrfToken={csrfToken} />
        <ActionButton action={`${path}/pincode`} label={t.resetPincode} csrfToken={csrfToken} />
        <ActionButton action={`${base}/kaarten`} label={t.printCard} csrfToken={csrfToken} fields={{ leerling: String(pupil.pupilId) }} />
        {c?.card_token_hash && c.card_token_sealed ? <ActionButton action={`${base}/kaarten/opnieuw`} label={t.reprintCard} csrfToken={csrfToken} fields={{ leerling: String(pupil.pupilId) }} /> : null}
        {c?.card_token_hash ? <ActionButton action={`${base}/kaarten/intrekken`} label={t.voidCard} csrfToken={csrfToken} fields={{ leerling: String(pupil.pupilId) }} /> : null}
      </td>
    </tr>
  );
};

export interface OverviewProps {
  context: PageContext;
  schoolId: number;
  schoolName: string;
  group: GroupRef;
  pupils: Array<PupilListing & { picture: string; eckidReason?: string | null }>;
  now: string;
  notice: string | null;
}

export const OverviewPage = (props: OverviewProps) => {
  const base = `${groupsPath(props.schoolId)}/${props.group.id}`;
  const c = t.columns;
  return (
    <Layout title={t.overviewTitle(props.group.name)} context={props.context} crumbs={[{ href: groupsPath(props.schoolId), label: t.groupsTitle(props.schoolName) }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <DataTable
        caption={t.pupilsCaption}
        columns={[{ label: c.picture }, { label: c.name }, { label: c.lastLogin }, { label: c.lock }, { label: c.home }, { label: c.codes }, { label: c.eckid }, { label: c.actions }]}
        rows={props.pupils}
        empty={t.pupilsEmpty}
        row={(pupil) => <PupilRow pupil={pupil} base={base} csrfToken={props.context.csrfToken} now={props.now} picture={pupil.picture} eckidReason={pupil.eckidReason} />}
      />
      <h2>{t.groupActions}</h2>
      <p class="hint">{t.printCardsHint}</p>
      <ActionButton action={`${base}/kaarten`} label={t.printCards} csrfToken={props.context.csrfToken} />{' '}
      <ActionButton action={`${base}/kaarten/intrekken`} label={t.voidCards} csrfToken={props.context.csrfToken} />
      <p class="hint">{t.reprintCardsHint}</p>
      <ActionButton action={`${base}/kaarten/opnieuw`} label={t.reprintCards} csrfToken={props.context.csrfToken} />
      <p class="hint">{t.homeGroupHint}</p>
      <ActionButton action={`${base}/thuisinlog`} label={t.homeGroupOn} csrfToken={props.context.csrfToken} fields={{ aan: '1' }} />{' '}
      <ActionButton action={`${base}/thuisinlog`} label={t.homeGroupOff} csrfToken={props.context.csrfToken} fields={{ aan: '0' }} />
      <FormFrame action={`${base}/thuisinlog/uitnodigen`} legend={t.inviteParentLegend} submit={t.inviteParentButton} errors={[]} csrfToken={props.context.csrfToken} id="ouder-uitnodigen">
        <TextField form="ouder-uitnodigen" name="email" label={t.inviteParentEmail} autocomplete="email" required />
      </FormFrame>
    </Layout>
  );
};

export const ShownOncePage = (props: { context: PageContext; name: string; backHref: string; pictureCode?: string[]; pincode?: string }) => (
  <Layout title={t.shownOnceTitle(props.name)} context={props.context}>
    <p>{t.shownOnce}</p>
    <div class="shown-once">
      {props.pictureCode ? (
        <p>
          {t.newPictureCode}{' '}
          {props.pictureCode.map((id, index) => (
            <span>
              {index > 0 ? ' → ' : ''}
              <img src={`/assets/pictures/${id}.svg`} alt="" width="48" height="48" /> {pictureById(id)?.name}
            </span>
          ))}
        </p>
      ) : null}
      {props.pincode ? (
        <p>
          {t.newPincode} <strong>{props.pincode}</strong>
        </p>
      ) : null}
    </div>
    <p>
      <a href={props.backHref}>{t.backToGroup}</a>
    </p>
  </Layout>
);
