import { useState, type FormEvent } from 'react';
import { periodLabel } from '../format/values';
import { YearSelect, yearChoices } from './YearSelect';

/**
 * "From / To" years as a GET form whose fields are the URL's parameters. Remount it (key) when the
 * URL changes. `hidden` carries the other parameters of the view.
 */
export function YearsForm({
  id,
  years,
  periodType,
  from,
  to,
  onSubmit,
  children,
}: {
  id: string;
  years: readonly number[];
  periodType: string;
  from: number | null;
  to: number | null;
  onSubmit: (from: number | null, to: number | null) => void;
  children?: React.ReactNode;
}) {
  const [fromText, setFrom] = useState(from === null ? '' : String(from));
  const [toText, setTo] = useState(to === null ? '' : String(to));
  const [error, setError] = useState<string | null>(null);
  const choices = yearChoices(years, from, to);
  const yearText = (year: number) => periodLabel(year, periodType);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = fromText === '' ? null : Number(fromText);
    const t = toText === '' ? null : Number(toText);
    if (f !== null && t !== null && f > t) {
      setError('The first year must be the same as or before the last year');
      return;
    }
    setError(null);
    onSubmit(f, t);
  }

  return (
    <form method="get" action="" noValidate onSubmit={submit} className="app-years-form">
      {children}
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Years</legend>
          {error ? (
            <p id={`${id}-error`} className="govuk-error-message" role="alert">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="app-inline-fields">
            <YearSelect
              id={`${id}-from`}
              name="from"
              label="From"
              emptyText="Earliest held"
              years={choices}
              yearText={yearText}
              value={fromText}
              onChange={setFrom}
            />
            <YearSelect
              id={`${id}-to`}
              name="to"
              label="To"
              emptyText="Latest held"
              years={choices}
              yearText={yearText}
              value={toText}
              onChange={setTo}
            />
            <div className="govuk-form-group app-inline-fields__button">
              <button
                type="submit"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                data-module="govuk-button"
              >
                Show these years
              </button>
            </div>
          </div>
        </fieldset>
      </div>
    </form>
  );
}
