/** Pieces both readiness pages share: the coverage summary, the LAS/board facts, pupils per reason. */
import { formatDateTime, formatNumber, formatPercent } from '../../http/format.js';
import type { Coverage } from '../coverage/compute.js';
import { lasNames } from '../readiness/las-steps.js';
import { reasonCodes, reasonGroupLabels } from '../readiness/rules.js';
import type { BoardEckFacts, PupilReadiness, SchoolEckFacts } from '../readiness/index.js';
import { readinessTexts as t } from './texts.js';

const yesNo = (value: boolean | null) => (value === null ? t.facts.unknown : value ? t.facts.yes : t.facts.no);

export const CoverageSummary = (props: { coverage: Coverage }) => {
  const c = props.coverage;
  return (
    <section aria-labelledby="dekking">
      <h2 id="dekking">{t.summary.heading}</h2>
      <p>{t.summary.share(formatPercent(c.share))}</p>
      <dl class="facts">
        <dt>{t.summary.pupils}</dt>
        <dd>{formatNumber(c.pupils)}</dd>
        <dt>{t.summary.withEckid}</dt>
        <dd>{formatNumber(c.withEckid)}</dd>
        <dt>{t.summary.missing}</dt>
        <dd>{formatNumber(c.missing)}</dd>
        <dt>{t.summary.expected}</dt>
        <dd>{formatNumber(c.expectedWithout)}</dd>
      </dl>
    </section>
  );
};

export const FactsList = (props: { school?: SchoolEckFacts & { lasProductName: string | null; updatedAt: string | null }; board: BoardEckFacts }) => {
  const s = props.school;
  return (
    <section aria-labelledby="gegevens">
      <h2 id="gegevens">{t.facts.heading}</h2>
      <dl class="facts">
        {s && (
          <>
            <dt>{t.facts.las}</dt>
            <dd>{s.lasProductName ?? (s.lasProduct ? lasNames[s.lasProduct] : t.facts.unknown)}</dd>
            <dt>{t.facts.instructed}</dt>
            <dd>{yesNo(s.lasInstructed)}</dd>
            <dt>{t.facts.fundedType}</dt>
            <dd>{yesNo(s.fundedSchoolType)}</dd>
            <dt>{t.facts.updatedAt}</dt>
            <dd>{s.updatedAt ? formatDateTime(s.updatedAt) : t.facts.never}</dd>
          </>
        )}
        <dt>{t.facts.agreement}</dt>
        <dd>{yesNo(props.board.numberServiceAgreement)}</dd>
      </dl>
    </section>
  );
};

export const ReasonCounts = (props: { coverage: Coverage }) => (
  <table>
    <caption>{t.byReason.caption}</caption>
    <thead>
      <tr>
        <th scope="col">{t.byReason.reason}</th>
        <th scope="col" class="number">{t.byReason.count}</th>
      </tr>
    </thead>
    <tbody>
      {reasonCodes.filter((code) => props.coverage.byReason[code] > 0).map((code) => (
        <tr>
          <th scope="row">{reasonGroupLabels[code]}</th>
          <td class="number">{formatNumber(props.coverage.byReason[code])}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Pupils without ECK iD grouped by reason; each group says why and what to do once. */
export const MissingByReason = (props: { pupils: (PupilReadiness & { schoolName?: string })[]; withSchool?: boolean; limit?: number }) => {
  const missing = props.pupils.filter((pupil) => pupil.reason !== null);
  if (missing.length === 0) return <p>{t.missing.none}</p>;
  return (
    <>
      {reasonCodes.map((code) => {
        const group = missing.filter((pupil) => pupil.reason!.code === code);
        if (group.length === 0) return null;
        // Within one reason the explanation is the same, except for DUO's own message and the unknown facts (in the label).
        const first = group[0].reason!;
        // A board can have thousands: the page lists the first ones, the CSV has them all.
        const shown = props.limit === undefined ? group : group.slice(0, props.limit);
        return (
          <section aria-labelledby={`reden-${code}`} class="reason">
            <h3 id={`reden-${code}`}>{`${reasonGroupLabels[code]} (${formatNumber(group.length)})`}</h3>
            <p><strong>{t.missing.why}:</strong> {first.explanation}</p>
            <p><strong>{t.missing.todo}:</strong> {first.action}</p>
            <table>
              <caption>{t.missing.caption(reasonGroupLabels[code])}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.missing.name}</th>
                  {props.withSchool && <th scope="col">{t.missing.school}</th>}
                  <th scope="col">{t.missing.group}</th>
                  <th scope="col">{t.missing.reason}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((pupil) => (
                  <tr>
                    <th scope="row">{pupil.name}</th>
                    {props.withSchool && <td>{pupil.schoolName}</td>}
                    <td>{pupil.groupName ?? t.missing.noGroup}</td>
                    <td>{pupil.reason!.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length < group.length && <p>{t.missing.more(formatNumber(group.length - shown.length))}</p>}
          </section>
        );
      })}
    </>
  );
};
