/** `/beheer`: every board and school on the platform, and the forms to add them. */
import { Layout, type PageContext } from '../../http/layout.js';
import { Notice } from '../../http/forms.js';
import { formatNumber } from '../../http/format.js';
import type { Board, School } from '../store.js';
import { BoardForm, SchoolForm, type FormState } from './forms.js';
import { organisationTexts as t } from './texts.js';

export type SchoolListItem = School & { boardName: string; boardNumber: string };

export interface OperatorHomeProps {
  context: PageContext;
  boards: Board[];
  schools: SchoolListItem[];
  boardForm: FormState;
  schoolForm: FormState;
  notice: string | null;
}

const SchoolTable = (props: { schools: SchoolListItem[] }) =>
  props.schools.length === 0 ? (
    <p>{t.home.noSchools}</p>
  ) : (
    <table>
      <caption>{t.home.schools}</caption>
      <thead>
        <tr>
          <th scope="col">{t.columns.school}</th>
          <th scope="col">{t.columns.code}</th>
          <th scope="col">{t.columns.board}</th>
          <th scope="col">{t.columns.active}</th>
        </tr>
      </thead>
      <tbody>
        {props.schools.map((school) => (
          <tr>
            <th scope="row">
              <a href={`/beheer/scholen/${school.id}`}>{school.name}</a>
            </th>
            <td>{`${school.brin} ${school.locationCode}`}</td>
            <td>{school.boardName}</td>
            <td>{school.active ? t.yes : t.no}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

const BoardTable = (props: { boards: Board[]; schools: SchoolListItem[] }) =>
  props.boards.length === 0 ? (
    <p>{t.home.noBoards}</p>
  ) : (
    <table>
      <caption>{t.home.boards}</caption>
      <thead>
        <tr>
          <th scope="col">{t.columns.number}</th>
          <th scope="col">{t.columns.name}</th>
          <th scope="col" class="number">
            {t.columns.schoolCount}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.boards.map((board) => (
          <tr>
            <td>{board.number}</td>
            <th scope="row">{board.name}</th>
            <td class="number">{formatNumber(props.schools.filter((school) => school.boardId === board.id).length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

export const OperatorHomePage = (props: OperatorHomeProps) => (
  <Layout title={t.home.title} context={props.context}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <p class="lead">{t.home.intro}</p>
    <section aria-labelledby="scholen">
      <h2 id="scholen">{t.home.schools}</h2>
      <SchoolTable schools={props.schools} />
      <SchoolForm state={props.schoolForm} boards={props.boards} csrfToken={props.context.csrfToken} />
    </section>
    <section aria-labelledby="besturen">
      <h2 id="besturen">{t.home.boards}</h2>
      <BoardTable boards={props.boards} schools={props.schools} />
      <BoardForm state={props.boardForm} csrfToken={props.context.csrfToken} />
    </section>
  </Layout>
);
