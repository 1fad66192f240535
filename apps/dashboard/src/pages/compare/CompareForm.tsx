import { useEffect, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { YearSelect, yearChoices } from '../../components/YearSelect';
import { periodLabel } from '../../format/values';
import type { ValueSource } from '../../graphql/schema';
import type { CompareOptionsData } from './queries';
import { pilotCouncils, type ResolvedView } from './shape';
import type { CompareView } from './urlState';

interface Props {
  options: CompareOptionsData;
  resolved: ResolvedView;
  /** Every period the current series holds: the year choices. */
  periods: number[];
  periodType: string | null;
  onSubmit: (view: CompareView) => void;
}

interface Errors {
  councils?: string;
  years?: string;
}

/**
 * What to compare: an indicator (grouped by outcome area), the pilot councils (grouped by wave),
 * the years and the source of figures. A GET form, so its fields are the URL's parameters; the
 * page reads the answer from the URL. Remounted (by key) whenever the URL changes.
 */
export function CompareForm({ options, resolved, periods, periodType, onSubmit }: Props) {
  const id = 'compare';
  const pilots = pilotCouncils(options);
  const [indicator, setIndicator] = useState(resolved.indicator.id);
  const [councils, setCouncils] = useState<Set<string>>(() => new Set(resolved.councils.map((c) => c.code)));
  const pilotCodes = new Set(pilots.map((p) => p.code));
  // Councils that are not pilots, in the order added (kept listed when unticked, so they can be ticked again).
  const [others, setOthers] = useState<string[]>(() =>
    resolved.councils.filter((c) => !pilotCodes.has(c.code)).map((c) => c.code),
  );
  const [adding, setAdding] = useState('');
  const [practices, setPractices] = useState<Set<string>>(() => new Set(resolved.practices.map((p) => p.id)));
  const councilName = new Map((options.councils ?? []).map((c) => [c.code, c.name]));
  const [from, setFrom] = useState(resolved.from === null ? '' : String(resolved.from));
  const [to, setTo] = useState(resolved.to === null ? '' : String(resolved.to));
  const [source, setSource] = useState<ValueSource | ''>(resolved.source ?? '');
  const [withRegion, setWithRegion] = useState(resolved.compare.region);
  const [withNeighbours, setWithNeighbours] = useState(resolved.compare.neighbours);
  const [errors, setErrors] = useState<Errors>({});
  const hasErrors = Boolean(errors.councils || errors.years);

  useEffect(() => {
    // GOV.UK pattern: say "Error:" in the page title (the error summary takes focus).
    const title = document.title.replace(/^Error: /, '');
    document.title = hasErrors ? `Error: ${title}` : title;
  }, [errors, hasErrors]);

  const years = yearChoices(periods, resolved.from, resolved.to);
  const yearText = (year: number) => (periodType ? periodLabel(year, periodType) : String(year));

  function toggle(code: string, checked: boolean) {
    setCouncils((current) => {
      const next = new Set(current);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
  }

  function addCouncil() {
    if (!adding || pilotCodes.has(adding)) return;
    setOthers((current) => (current.includes(adding) ? current : [...current, adding]));
    toggle(adding, true);
    setAdding('');
  }

  function togglePractice(practiceId: string, checked: boolean) {
    setPractices((current) => {
      const next = new Set(current);
      if (checked) next.add(practiceId);
      else next.delete(practiceId);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (councils.size === 0 && practices.size === 0) found.councils = 'Select at least one council or practice';
    const fromYear = from === '' ? null : Number(from);
    const toYear = to === '' ? null : Number(to);
    if (fromYear !== null && toYear !== null && fromYear > toYear)
      found.years = 'The first year must be the same as or before the last year';
    setErrors(found);
    if (found.councils || found.years) return;
    const chosenPilots = pilots.filter((c) => councils.has(c.code)).map((c) => c.code);
    const chosenOthers = others.filter((code) => councils.has(code));
    const chosenPractices = (options.practices ?? []).filter((p) => practices.has(p.id)).map((p) => p.id);
    const everyPilotOnly =
      chosenPilots.length === pilots.length && chosenOthers.length === 0 && chosenPractices.length === 0;
    onSubmit({
      indicator,
      // Every pilot council is the default: keep such links short.
      councils: everyPilotOnly ? null : [...chosenPilots, ...chosenOthers],
      practices: chosenPractices,
      from: fromYear,
      to: toYear,
      source: source === '' ? null : source,
      compare: { region: withRegion, neighbours: withNeighbours },
      show: resolved.show,
      ref: resolved.ref,
    });
  }

  const waves = [...options.pilotWaves].sort((a, b) => a.wave - b.wave);
  const councilsErrorId = `${id}-councils-error`;
  const yearsErrorId = `${id}-years-error`;

  return (
    <form method="get" action="" noValidate onSubmit={submit} className="app-compare-form">
      <ErrorSummary
        focusKey={errors}
        problems={[
          { href: `#${id}-council-0`, message: errors.councils },
          { href: `#${id}-from`, message: errors.years },
        ]}
      />

      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--m" htmlFor={`${id}-indicator`}>
          Indicator
        </label>
        <div className="govuk-hint" id={`${id}-indicator-hint`}>
          Grouped by outcome area
        </div>
        <select
          className="govuk-select app-select--full"
          id={`${id}-indicator`}
          name="indicator"
          aria-describedby={`${id}-indicator-hint`}
          value={indicator}
          onChange={(e) => setIndicator(e.target.value)}
        >
          {options.outcomeAreas.map((area) =>
            area.indicators.length > 0 ? (
              <optgroup key={area.area} label={area.title}>
                {area.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
      </div>

      <div className={`govuk-form-group${errors.councils ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.councils ? councilsErrorId : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Pilot councils</legend>
          {errors.councils ? (
            <p id={councilsErrorId} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.councils}
            </p>
          ) : null}
          <div className="govuk-grid-row">
            {waves.map((wave) => (
              <div className="govuk-grid-column-one-half" key={wave.wave}>
                <div
                  role="group"
                  aria-labelledby={`${id}-wave-${wave.wave}`}
                  aria-describedby={`${id}-wave-${wave.wave}-hint`}
                >
                  <p
                    className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1"
                    id={`${id}-wave-${wave.wave}`}
                  >
                    {wave.name}
                  </p>
                  <div className="govuk-hint" id={`${id}-wave-${wave.wave}-hint`}>
                    Started {wave.startYear}
                  </div>
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {wave.councils.map((council) => {
                      const index = pilots.findIndex((p) => p.code === council.code);
                      const inputId = `${id}-council-${index}`;
                      return (
                        <div className="govuk-checkboxes__item" key={council.code}>
                          <input
                            className="govuk-checkboxes__input"
                            id={inputId}
                            name="council"
                            type="checkbox"
                            value={council.code}
                            checked={councils.has(council.code)}
                            onChange={(e) => toggle(council.code, e.target.checked)}
                          />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                            {council.name}
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby={`${id}-others-hint`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Other councils</legend>
          <div className="govuk-hint" id={`${id}-others-hint`}>
            Add any council in England, for example a pilot&rsquo;s statistical neighbour.
          </div>
          {others.length > 0 ? (
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {others.map((code) => (
                <div className="govuk-checkboxes__item" key={code}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`${id}-other-${code}`}
                    name="council"
                    type="checkbox"
                    value={code}
                    checked={councils.has(code)}
                    onChange={(e) => toggle(code, e.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-other-${code}`}>
                    {councilName.get(code) ?? code}
                  </label>
                </div>
              ))}
            </div>
          ) : null}
          <div className="app-inline-fields">
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={`${id}-add-council`}>
                Add a council
              </label>
              <select
                className="govuk-select app-select--wide"
                id={`${id}-add-council`}
                value={adding}
                onChange={(e) => setAdding(e.target.value)}
              >
                <option value="">Choose a council</option>
                {[...(options.councils ?? [])]
                  .filter((c) => !pilotCodes.has(c.code) && !others.includes(c.code))
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="govuk-form-group app-inline-fields__button">
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={addCouncil}
              >
                Add council
              </button>
            </div>
          </div>
        </fieldset>
      </div>

      {(options.practices ?? []).length > 0 ? (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" aria-describedby={`${id}-practices-hint`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Practices</legend>
            <div className="govuk-hint" id={`${id}-practices-hint`}>
              Figures computed from the returns of the children each practice holds. Practices you do not work for are
              shown under pseudonyms, with small numbers suppressed.
            </div>
            <div className="govuk-checkboxes govuk-checkboxes--small app-columns" data-module="govuk-checkboxes">
              {(options.practices ?? []).map((p, index) => (
                <div className="govuk-checkboxes__item" key={p.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`${id}-practice-${index}`}
                    name="practice"
                    type="checkbox"
                    value={p.id}
                    checked={practices.has(p.id)}
                    onChange={(e) => togglePractice(p.id, e.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-practice-${index}`}>
                    {p.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}

      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby={`${id}-with-hint`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Compare with</legend>
          <div className="govuk-hint" id={`${id}-with-hint`}>
            England is always shown. Each council's region and statistical neighbours are added under it in the table,
            and drawn when one council is chosen.
          </div>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={`${id}-with-region`}
                name="with"
                type="checkbox"
                value="region"
                checked={withRegion}
                onChange={(e) => setWithRegion(e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-with-region`}>
                The council's region
              </label>
            </div>
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={`${id}-with-neighbours`}
                name="with"
                type="checkbox"
                value="neighbours"
                checked={withNeighbours}
                onChange={(e) => setWithNeighbours(e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-with-neighbours`}>
                Its statistical neighbours, pooled
              </label>
            </div>
          </div>
        </fieldset>
      </div>

      <div className={`govuk-form-group${errors.years ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.years ? yearsErrorId : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Years and source</legend>
          {errors.years ? (
            <p id={yearsErrorId} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.years}
            </p>
          ) : null}
          <div className="app-inline-fields">
            <YearSelect
              id={`${id}-from`}
              name="from"
              label="From"
              emptyText="Earliest held"
              years={years}
              yearText={yearText}
              value={from}
              invalid={Boolean(errors.years)}
              onChange={setFrom}
            />
            <YearSelect
              id={`${id}-to`}
              name="to"
              label="To"
              emptyText="Latest held"
              years={years}
              yearText={yearText}
              value={to}
              invalid={Boolean(errors.years)}
              onChange={setTo}
            />
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={`${id}-source`}>
                Figures
              </label>
              <select
                className="govuk-select"
                id={`${id}-source`}
                name="source"
                value={source}
                onChange={(e) => setSource(e.target.value as ValueSource | '')}
              >
                <option value="">Published, or computed where not published</option>
                <option value="PUBLISHED">Published by DfE only</option>
                <option value="COMPUTED">Computed from returns only</option>
              </select>
            </div>
          </div>
        </fieldset>
      </div>

      <button type="submit" className="govuk-button" data-module="govuk-button">
        Show figures
      </button>
    </form>
  );
}
