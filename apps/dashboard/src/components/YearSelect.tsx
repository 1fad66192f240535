/**
 * One end of a "From / To" pair of year selects, in a GOV.UK form group. The empty choice means the
 * earliest or latest year held, so a link without that end keeps following the data.
 */
export function YearSelect({
  id,
  name,
  label,
  emptyText,
  years,
  yearText,
  value,
  invalid = false,
  onChange,
}: {
  id: string;
  name: 'from' | 'to';
  label: string;
  emptyText: string;
  years: readonly number[];
  yearText: (year: number) => string;
  /** The chosen year as text; '' for the empty choice. */
  value: string;
  invalid?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select
        className={`govuk-select${invalid ? ' govuk-select--error' : ''}`}
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{emptyText}</option>
        {years.map((year) => (
          <option key={year} value={String(year)}>
            {yearText(year)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The years to offer: those held, and a year from the link that is not held, so the select can still show it. */
export function yearChoices(held: readonly number[], from: number | null, to: number | null): number[] {
  return [...new Set([...held, ...[from, to].filter((y): y is number => y !== null)])].sort((a, b) => a - b);
}
