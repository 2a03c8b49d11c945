/** `/beheer`: every board and school on the platform, and the forms to add them. */
import { Layout, type PageContext } from '../../http/layout.js';
import { Notice } from '../../http/forms.js';
import { formatNumber } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
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

const SchoolTable = (props: { schools: SchoolListItem[] }) => (
  <DataTable
    caption={t.home.schools}
    empty={t.home.noSchools}
    columns={[{ label: t.columns.school }, { label: t.columns.code }, { label: t.columns.board }, { label: t.columns.active }]}
    rows={props.schools}
    row={(school) => (
      <tr>
        <th scope="row">
          <a href={`/beheer/scholen/${school.id}`}>{school.name}</a>
        </th>
        <td>{`${school.brin} ${school.locationCode}`}</td>
        <td>{school.boardName}</td>
        <td>{school.active ? t.yes : t.no}</td>
      </tr>
    )}
  />
);

const BoardTable = (props: { boards: Board[]; schools: SchoolListItem[] }) => (
  <DataTable
    caption={t.home.boards}
    empty={t.home.noBoards}
    columns={[{ label: t.columns.number }, { label: t.columns.name }, { label: t.columns.schoolCount, numeric: true }]}
    rows={props.boards}
    row={(board) => (
      <tr>
        <td>{board.number}</td>
        <th scope="row">{board.name}</th>
        <td class="number">{formatNumber(props.schools.filter((school) => school.boardId === board.id).length)}</td>
      </tr>
    )}
  />
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
