import type { ComponentChildren } from "preact";

/** One column of a records table: its heading and what each row shows in it. */
export type Column<Row> = Readonly<{
  /** The heading, in the page's words. */
  header: ComponentChildren;
  cell(row: Row): ComponentChildren;
  /** The cell that names the row (`<th scope="row">`): one per table. */
  rowHeader?: boolean;
  class?: string;
}>;

export type RecordsTableProps<Row> = Readonly<{
  rows: readonly Row[];
  columns: ReadonlyArray<Column<Row>>;
  caption?: ComponentChildren;
  labelledBy?: string;
  class?: string;
  /** Wide tables scroll sideways on a phone instead of widening the page. */
  scroll?: boolean;
}>;

/**
 * A table of records — credit records, list entries, report items — one row each, keyed by `id`: the
 * headings as column headers, the naming cell as the row's header, so a screen reader reads each cell with
 * both.
 */
export function RecordsTable<Row extends Readonly<{ id: string }>>({
  rows,
  columns,
  caption,
  labelledBy,
  class: className,
  scroll = false,
}: RecordsTableProps<Row>) {
  const table = (
    <table class={className} aria-labelledby={labelledBy}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {columns.map((column, index) =>
              column.rowHeader ? (
                <th key={index} scope="row" class={column.class}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index} class={column.class}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div class="table-scroll">{table}</div> : table;
}
