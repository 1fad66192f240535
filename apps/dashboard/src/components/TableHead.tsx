import type { ReactNode } from 'react';

/** A column heading: text, or `numeric(text)` for a column of numbers. */
export type Column = ReactNode | { numeric: ReactNode };

/** A column of numbers: its heading is right-aligned, as GOV.UK aligns the numbers under it. */
export function numeric(heading: ReactNode): Column {
  return { numeric: heading };
}

function isNumeric(column: Column): column is { numeric: ReactNode } {
  return typeof column === 'object' && column !== null && 'numeric' in column;
}

/** A GOV.UK table's header row, one column heading after another. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column, index) =>
          isNumeric(column) ? (
            <th key={index} scope="col" className="govuk-table__header govuk-table__header--numeric">
              {column.numeric}
            </th>
          ) : (
            <th key={index} scope="col" className="govuk-table__header">
              {column}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
