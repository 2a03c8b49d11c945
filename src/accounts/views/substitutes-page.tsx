/** A school's substitutes (invalkrachten): the audit list of grants and the form to add one. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, TextField } from '../../http/forms.js';
import { formatDate, formatDateTime } from '../../http/format.js';
import { INVALGROEP, MAX_PERIOD_DAYS, type SubstituteGrant } from '../substitutes/index.js';
import { InputField } from './staff-fields.js';

export const substituteTexts = {
  title: (school: string) => `Invalkrachten van ${school}`,
  intro: `Een invalkracht logt in met een eigen e-mailadres en wachtwoord en ziet alleen de gekozen groepen, en alleen in de gekozen periode (standaard vandaag, hoogstens ${MAX_PERIOD_DAYS} dagen). Daarna vervalt de toegang vanzelf. Uitgevers zien de rol Inval.`,
  legend: 'Invalkracht toevoegen',
  submit: 'Toegang geven',
  name: 'Naam',
  nameHint: 'Alleen nodig als deze persoon nog geen account heeft; die krijgt dan een uitnodiging per e-mail.',
  email: 'E-mailadres',
  groups: 'Groepen',
  invalgroep: (name: string) => `De invalgroep (${name})`,
  from: 'Van (datum)',
  to: 'Tot en met (datum)',
  listHeading: 'Overzicht van invaltoegang',
  none: 'Er is nog geen invaltoegang gegeven.',
  who: 'Invalkracht',
  period: 'Periode',
  state: 'Stand',
  givenBy: 'Gegeven door',
  states: { active: 'Loopt', upcoming: 'Gepland', expired: 'Verlopen', revoked: 'Ingetrokken' },
  revoke: 'Intrekken',
  granted: (invited: boolean) => (invited ? 'De invaltoegang is gegeven. De invalkracht krijgt een e-mail om een wachtwoord in te stellen.' : 'De invaltoegang is gegeven.'),
  revoked: 'De invaltoegang is ingetrokken.',
  marked: 'De invalgroep is ingesteld.',
  invalgroepHeading: 'Invalgroep',
  invalgroepIntro: 'Kies welke groep van de school de invalgroep is. Invalkrachten voor de invalgroep zien die groep.',
  invalgroepNone: 'Nog geen invalgroep gekozen.',
  invalgroepSubmit: 'Als invalgroep instellen',
};
const t = substituteTexts;

export type GrantState = keyof typeof substituteTexts.states;

export function grantState(grant: SubstituteGrant, now: Date): GrantState {
  const at = now.toISOString();
  if (grant.revokedAt !== null) return 'revoked';
  if (grant.endsAt <= at) return 'expired';
  return grant.startsAt > at ? 'upcoming' : 'active';
}

export interface SubstitutesPageProps {
  context: PageContext;
  school: { id: number; name: string };
  now: Date;
  today: string;
  managesSchool: boolean;
  groups: Array<{ id: number; name: string }>;
  allGroups: Array<{ id: number; name: string }>;
  invalgroepId: number | null;
  grants: SubstituteGrant[];
  notice?: string;
  form?: { email: string; displayName: string; groupIds: number[]; invalgroep: boolean; from: string; to: string; error: string };
}

/** The last day of a period that ends at midnight, for "t/m" dates. */
const lastDay = (endsAt: string) => formatDate(new Date(new Date(endsAt).getTime() - 60_000).toISOString());

export const SubstitutesPage = (props: SubstitutesPageProps) => {
  const base = `/beheer/scholen/${props.school.id}/invallers`;
  const groupName = new Map(props.allGroups.map((g) => [g.id, g.name]));
  const invalgroepName = props.invalgroepId === null ? null : (groupName.get(props.invalgroepId) ?? null);
  const describeGroups = (groups: SubstituteGrant['groups']) => (groups === INVALGROEP ? t.invalgroep(invalgroepName ?? '–') : groups.map((id) => groupName.get(id) ?? `#${id}`).join(', '));
  const form = props.form;
  return (
    <Layout title={t.title(props.school.name)} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.school.id}/groepen`, label: props.school.name }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{t.intro}</p>
      <FormFrame action={base} legend={t.legend} submit={t.submit} errors={form ? [{ fieldId: null, message: form.error }] : []} csrfToken={props.context.csrfToken} id="inval">
        <InputField form="inval" name="email" label={t.email} type="email" autocomplete="email" value={form?.email} />
        <TextField form="inval" name="displayName" label={t.name} hint={t.nameHint} value={form?.displayName} autocomplete="name" />
        <fieldset>
          <legend>{t.groups}</legend>
          {props.groups.map((g) => (
            <label class="choice">
              <input type="checkbox" name="groups" value={String(g.id)} checked={form?.groupIds.includes(g.id)} /> {g.name}
            </label>
          ))}
          {props.managesSchool && invalgroepName !== null ? (
            <label class="choice">
              <input type="checkbox" name="invalgroep" value="1" checked={form?.invalgroep} /> {t.invalgroep(invalgroepName)}
            </label>
          ) : null}
        </fieldset>
        <div class="field">
          <label for="inval-from">{t.from}</label>
          <input type="date" id="inval-from" name="from" value={form?.from ?? props.today} />
        </div>
        <div class="field">
          <label for="inval-to">{t.to}</label>
          <input type="date" id="inval-to" name="to" value={form?.to ?? props.today} />
        </div>
      </FormFrame>
      <section aria-labelledby="overzicht-kop">
        <h2 id="overzicht-kop">{t.listHeading}</h2>
        {props.grants.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.groups}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.givenBy}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {props.grants.map((g) => {
                const state = grantState(g, props.now);
                return (
                  <tr>
                    <td>{g.displayName} ({g.email})</td>
                    <td>{describeGroups(g.groups)}</td>
                    <td>{`${formatDate(g.startsAt)} t/m ${lastDay(g.endsAt)}`}</td>
                    <td>{t.states[state]}{g.revokedAt ? ` (${formatDateTime(g.revokedAt)})` : ''}</td>
                    <td>{g.createdBy}</td>
                    <td>
                      {state === 'active' || state === 'upcoming' ? (
                        <form method="post" action={`${base}/${g.id}/intrekken`} class="inline">
                          <CsrfField token={props.context.csrfToken} />
                          <button type="submit">{t.revoke}</button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {props.managesSchool ? (
        <section aria-labelledby="invalgroep-kop">
          <h2 id="invalgroep-kop">{t.invalgroepHeading}</h2>
          <p>{t.invalgroepIntro}</p>
          <p>{invalgroepName ?? t.invalgroepNone}</p>
          <form method="post" action={`${base}/invalgroep`}>
            <CsrfField token={props.context.csrfToken} />
            <label for="invalgroep-group">{t.groups}</label>{' '}
            <select id="invalgroep-group" name="group">
              {props.allGroups.map((g) => (
                <option value={String(g.id)} selected={g.id === props.invalgroepId}>
                  {g.name}
                </option>
              ))}
            </select>{' '}
            <button type="submit">{t.invalgroepSubmit}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
};
