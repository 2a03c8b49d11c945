/** A data table with a caption and column headers, or a sentence when there are no rows. */
import type { Child } from 'hono/jsx';

export interface Column {
  label: string;
  numeric?: boolean;
  /** For a column of buttons: the header is read out but not shown. */
  visuallyHidden?: boolean;
}

export function DataTable<T>(props: { caption: string; columns: Column[]; rows: T[]; row: (item: T) => Child; empty?: string }) {
  if (props.rows.length === 0 && props.empty) return <p>{props.empty}</p>;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col" class={column.numeric ? 'number' : undefined}>
              {column.visuallyHidden ? <span class="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.rows.map(props.row)}</tbody>
    </table>
  );
}
