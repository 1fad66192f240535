/** A council's first contract from the dashboard: a practice, years, fee, pot and one indicator's target. */
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LoadError, Loading } from '../../components/States';
import type { MissingDataRule } from '../../graphql/generated';
import { useQuery } from '../../graphql/useQuery';
import { draftToInput, P, type Draft } from './draft';
import { problemsOf, SelectField, TextField } from './fields';
import { useRun, yearLabel } from './parts';
import { COUNCIL_QUERY, CREATE_CONTRACT_MUTATION } from './queries';
import { MISSING_DATA_OPTIONS, type FormError } from './terms';

export function CreateContract({ councilCode, onCreated }: { councilCode: string; onCreated: () => void }) {
  const options = useQuery(COUNCIL_QUERY, { code: councilCode });
  const create = useRun(CREATE_CONTRACT_MUTATION);
  const [errors, setErrors] = useState<FormError[]>([]);
  const thisYear = new Date().getFullYear();
  const [draft, setDraft] = useState<Draft>({
    name: '',
    practiceId: '',
    // Figures for a reporting year arrive after it ends: start from the last two years that have ended.
    periodStart: String(thisYear - 2),
    periodEnd: String(thisYear - 1),
    fixedFee: '10000',
    pot: '50000',
    indicatorId: 'placements_3plus',
    level: '10',
    missingData: 'TREAT_AS_NOT_MET',
    rateIndicatorId: 'placements_3plus',
    ratePrice: '',
    rateYearCap: '',
    rateContractCap: '',
  });
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  if (options.status === 'loading' || options.status === 'idle')
    return <Loading>Loading the council's practices…</Loading>;
  if (options.status === 'error')
    return <LoadError what="the council's practices" error={options.error} onRetry={options.retry} />;
  const practices = options.data.council?.practices ?? [];
  const indicators = options.data.indicators.filter((i) => i.polarity !== 'NEUTRAL');
  if (practices.length === 0)
    return <p className="govuk-body">This council has no practice to make a contract with.</p>;
  const practiceId = draft.practiceId || practices[0]?.id || '';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = draftToInput({ ...draft, practiceId });
    setErrors(result.errors);
    if (!result.input) return;
    const done = await create.run({ input: result.input });
    if (done) onCreated();
  };

  const text = (id: string, label: string, key: keyof Draft, hint?: string, width?: string) => (
    <TextField
      id={id}
      label={label}
      hint={hint}
      width={width}
      value={draft[key] ?? ''}
      errors={errors}
      onChange={(v) => set({ [key]: v } as Partial<Draft>)}
    />
  );

  return (
    <section aria-labelledby="create-heading">
      <h2 className="govuk-heading-l" id="create-heading">
        Create a contract
      </h2>
      <p className="govuk-body">
        Start with one practice, the years it covers, a fixed fee, an outcome-linked pot and a first target. You can try
        what-ifs and issue statements once it exists.
      </p>
      <ErrorSummary focusKey={errors} problems={problemsOf(errors)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {text(`${P}-name`, 'Contract name', 'name', undefined, '')}
        <SelectField
          id={`${P}-practice`}
          label="Practice"
          value={practiceId}
          options={practices.map((p) => ({ value: p.id, text: p.name }))}
          onChange={(v) => set({ practiceId: v })}
        />
        {text(
          `${P}-start`,
          'First reporting year',
          'periodStart',
          `The year it ends in: ${thisYear - 2} is ${yearLabel(thisYear - 2)}`,
          'govuk-input--width-4',
        )}
        {text(`${P}-end`, 'Last reporting year', 'periodEnd', 'The year it ends in', 'govuk-input--width-4')}
        {text(`${P}-fixed-fee`, 'Fixed fee (£)', 'fixedFee')}
        {text(`${P}-pot`, 'Outcome-linked pot (£)', 'pot')}
        <SelectField
          id={`${P}-indicator`}
          label="First indicator"
          className="govuk-select app-select--wide"
          style={{ maxWidth: '100%' }}
          value={draft.indicatorId}
          options={indicators.map((i) => ({
            value: i.id,
            text: `${i.title} (${i.polarity === 'LOWER_BETTER' ? 'lower is better' : 'higher is better'})`,
          }))}
          onChange={(v) => set({ indicatorId: v })}
        />
        {text(
          `${P}-level`,
          'Target level',
          'level',
          'In the indicator’s unit, e.g. 10 for 10%',
          'govuk-input--width-5',
        )}
        <SelectField
          id={`${P}-missing`}
          label="When an indicator has no usable figure"
          style={{ maxWidth: '100%' }}
          value={draft.missingData}
          options={MISSING_DATA_OPTIONS}
          onChange={(v) => set({ missingData: v as MissingDataRule })}
        />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Rate card (optional)</legend>
          <div className="govuk-hint">
            A price per unit of outcome achieved, e.g. per child in a stable placement for the year, beside the target.
          </div>
          <SelectField
            id={`${P}-rate-indicator`}
            label="Pays per child counted in"
            className="govuk-select app-select--wide"
            style={{ maxWidth: '100%' }}
            value={draft.rateIndicatorId ?? ''}
            options={options.data.indicators.map((i) => ({ value: i.id, text: i.title }))}
            onChange={(v) => set({ rateIndicatorId: v })}
          />
          {text(`${P}-rate-price`, 'Price per unit (£)', 'ratePrice', 'Leave empty for no rate card')}
          {text(`${P}-rate-year-cap`, 'Cap per year (£)', 'rateYearCap', 'Leave empty for none')}
          {text(`${P}-rate-contract-cap`, 'Cap for the contract (£)', 'rateContractCap', 'Leave empty for none')}
        </fieldset>
        <button
          type="submit"
          className="govuk-button"
          data-module="govuk-button"
          disabled={create.state.status === 'running'}
        >
          Create contract
        </button>
      </form>
      {create.state.status === 'error' ? <LoadError what="the new contract" error={create.state.error} /> : null}
    </section>
  );
}
