/** A council's first contract from the dashboard: a practice, years, fee, pot and one indicator's target. */
import { useState } from 'react';
import { LoadError, Loading } from '../../components/States';
import type { MissingDataRule } from '../../graphql/generated';
import { useQuery } from '../../graphql/useQuery';
import { draftToInput, P, type Draft } from './draft';
import { ErrorSummary, FieldError, fieldError, useRun, yearLabel } from './parts';
import { COUNCIL_QUERY, CREATE_CONTRACT_MUTATION } from './queries';
import { MISSING_DATA_LABELS, type FormError } from './terms';

const RULES = Object.keys(MISSING_DATA_LABELS) as MissingDataRule[];

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
  });
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  if (options.status === 'loading' || options.status === 'idle') return <Loading>Loading the council's practices…</Loading>;
  if (options.status === 'error') return <LoadError what="the council's practices" error={options.error} onRetry={options.retry} />;
  const practices = options.data.council?.practices ?? [];
  const indicators = options.data.indicators.filter((i) => i.polarity !== 'NEUTRAL');
  if (practices.length === 0) return <p className="govuk-body">This council has no practice to make a contract with.</p>;
  const practiceId = draft.practiceId || practices[0]?.id || '';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = draftToInput({ ...draft, practiceId });
    setErrors(result.errors);
    if (!result.input) return;
    const done = await create.run({ input: result.input });
    if (done) onCreated();
  };

  const text = (id: string, label: string, key: keyof Draft, hint?: string, width = 'govuk-input--width-10') => {
    const error = fieldError(errors, id);
    const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <div className="govuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        <FieldError id={id} message={error} />
        <input
          className={`govuk-input ${width}${error ? ' govuk-input--error' : ''}`}
          id={id}
          value={draft[key]}
          aria-describedby={described || undefined}
          onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
        />
      </div>
    );
  };

  return (
    <section aria-labelledby="create-heading">
      <h2 className="govuk-heading-l" id="create-heading">
        Create a contract
      </h2>
      <p className="govuk-body">
        Start with one practice, the years it covers, a fixed fee, an outcome-linked pot and a first target. You can try what-ifs and
        issue statements once it exists.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {text(`${P}-name`, 'Contract name', 'name', undefined, '')}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${P}-practice`}>
            Practice
          </label>
          <select className="govuk-select" id={`${P}-practice`} value={practiceId} onChange={(e) => set({ practiceId: e.target.value })}>
            {practices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {text(`${P}-start`, 'First reporting year', 'periodStart', `The year it ends in: ${thisYear - 2} is ${yearLabel(thisYear - 2)}`, 'govuk-input--width-4')}
        {text(`${P}-end`, 'Last reporting year', 'periodEnd', 'The year it ends in', 'govuk-input--width-4')}
        {text(`${P}-fixed-fee`, 'Fixed fee (£)', 'fixedFee')}
        {text(`${P}-pot`, 'Outcome-linked pot (£)', 'pot')}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${P}-indicator`}>
            First indicator
          </label>
          <select className="govuk-select app-select-wide" id={`${P}-indicator`} value={draft.indicatorId} onChange={(e) => set({ indicatorId: e.target.value })} style={{ maxWidth: '100%' }}>
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title} ({i.polarity === 'LOWER_BETTER' ? 'lower is better' : 'higher is better'})
              </option>
            ))}
          </select>
        </div>
        {text(`${P}-level`, 'Target level', 'level', 'In the indicator’s unit, e.g. 10 for 10%', 'govuk-input--width-5')}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${P}-missing`}>
            When an indicator has no usable figure
          </label>
          <select className="govuk-select" id={`${P}-missing`} value={draft.missingData} onChange={(e) => set({ missingData: e.target.value as MissingDataRule })} style={{ maxWidth: '100%' }}>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {MISSING_DATA_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={create.state.status === 'running'}>
          Create contract
        </button>
      </form>
      {create.state.status === 'error' ? <LoadError what="the new contract" error={create.state.error} /> : null}
    </section>
  );
}
