/** For the contract's council: what-if under changed terms, and issuing a statement (with a confirmation step). */
import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { LoadError } from '../../components/States';
import type { MissingDataRule, PartialType } from '../../graphql/generated';
import { formatPence } from './money';
import { problemsOf, SelectField, TextField } from './fields';
import { useRun, yearLabel, yearsOf } from './parts';
import { ISSUE_MUTATION, PREVIEW_QUERY, type ContractFields } from './queries';
import { StatementView } from './StatementView';
import {
  fieldId,
  MISSING_DATA_OPTIONS,
  TARGET_FIELD_LABELS,
  termsToForm,
  toTermsInput,
  type FormError,
  type IndicatorForm,
  type TermsForm,
} from './terms';

/** Years as the period selects offer them. */
function yearOptions(years: readonly number[]) {
  return years.map((y) => ({ value: y, text: yearLabel(y) }));
}

export function WhatIf({
  contract,
  titles,
  onIssued,
}: {
  contract: ContractFields;
  titles: ReadonlyMap<string, string>;
  onIssued: () => void;
}) {
  const prefix = `whatif-${contract.id}`;
  const years = yearsOf(contract.periodStart, contract.periodEnd);
  const [form, setForm] = useState<TermsForm>(() => termsToForm(contract.terms, contract.rateTerms.rateCard));
  const [period, setPeriod] = useState<number>(years[years.length - 1] ?? contract.periodEnd);
  const [errors, setErrors] = useState<FormError[]>([]);
  const preview = useRun(PREVIEW_QUERY);

  const setIndicator = (index: number, change: Partial<IndicatorForm>) =>
    setForm((f) => ({ ...f, indicators: f.indicators.map((ind, i) => (i === index ? { ...ind, ...change } : ind)) }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = toTermsInput(form, prefix);
    setErrors(result.errors);
    if (!result.terms) return;
    void preview.run({ contractId: contract.id, period, terms: result.terms });
  };

  return (
    <section aria-labelledby={`${prefix}-heading`} className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-m" id={`${prefix}-heading`}>
        What if the terms changed?<span className="govuk-visually-hidden"> ({contract.name})</span>
      </h3>
      <p className="govuk-body">
        Change targets, weights, partial rules or the missing-data rule and see what the statement would say. Nothing is
        saved or issued.
      </p>
      <ErrorSummary focusKey={errors} problems={problemsOf(errors)} />
      <form onSubmit={submit} noValidate>
        <SelectField
          id={`${prefix}-period`}
          label="Year"
          style={{ maxWidth: '100%' }}
          value={period}
          options={yearOptions(years)}
          onChange={(v) => setPeriod(Number(v))}
        />
        <TextField
          id={`${prefix}-fixed-fee`}
          label="Fixed fee (£)"
          inputMode="decimal"
          value={form.fixedFee}
          errors={errors}
          onChange={(v) => setForm((f) => ({ ...f, fixedFee: v }))}
        />
        <TextField
          id={`${prefix}-pot`}
          label="Outcome-linked pot (£)"
          inputMode="decimal"
          value={form.pot}
          errors={errors}
          onChange={(v) => setForm((f) => ({ ...f, pot: v }))}
        />
        <SelectField
          id={`${prefix}-missing`}
          label="When an indicator has no usable figure"
          value={form.missingData}
          options={MISSING_DATA_OPTIONS}
          onChange={(v) => setForm((f) => ({ ...f, missingData: v as MissingDataRule }))}
        />
        {form.indicators.map((ind, i) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={ind.indicatorId}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Indicator {i + 1}: {titles.get(ind.indicatorId) ?? ind.indicatorId} ({ind.target.type.toLowerCase()}{' '}
              target)
            </legend>
            <TextField
              id={fieldId(prefix, i, 'target')}
              label={TARGET_FIELD_LABELS[ind.targetField]}
              inputMode="decimal"
              value={ind.targetValue}
              errors={errors}
              onChange={(v) => setIndicator(i, { targetValue: v })}
            />
            <TextField
              id={fieldId(prefix, i, 'weight')}
              label="Weight"
              width="govuk-input--width-4"
              inputMode="numeric"
              value={ind.weight}
              errors={errors}
              onChange={(v) => setIndicator(i, { weight: v })}
            />
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Partly met</legend>
                <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
                  {(['ALL_OR_NOTHING', 'LINEAR'] as PartialType[]).map((p) => (
                    <div className="govuk-radios__item" key={p}>
                      <input
                        className="govuk-radios__input"
                        id={`${prefix}-indicator-${i}-partial-${p}`}
                        name={`${prefix}-indicator-${i}-partial`}
                        type="radio"
                        checked={ind.partialType === p}
                        onChange={() => setIndicator(i, { partialType: p })}
                      />
                      <label
                        className="govuk-label govuk-radios__label"
                        htmlFor={`${prefix}-indicator-${i}-partial-${p}`}
                      >
                        {p === 'LINEAR' ? 'Linear from a floor to the target' : 'All or nothing'}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            {ind.partialType === 'LINEAR' ? (
              <TextField
                id={fieldId(prefix, i, 'floor')}
                label="Floor (nothing earned at or worse than this)"
                inputMode="decimal"
                value={ind.floor}
                errors={errors}
                onChange={(v) => setIndicator(i, { floor: v })}
              />
            ) : null}
            <SelectField
              id={fieldId(prefix, i, 'missing')}
              label="No usable figure for this indicator"
              value={ind.missingData}
              options={[{ value: '', text: "The contract's rule" }, ...MISSING_DATA_OPTIONS]}
              onChange={(v) => setIndicator(i, { missingData: v as MissingDataRule | '' })}
            />
          </fieldset>
        ))}
        <div className="govuk-button-group">
          <button
            type="submit"
            className="govuk-button"
            data-module="govuk-button"
            disabled={preview.state.status === 'running'}
          >
            Run what-if
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              setForm(termsToForm(contract.terms, contract.rateTerms.rateCard));
              setErrors([]);
              preview.reset();
            }}
          >
            Back to the current terms
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {preview.state.status === 'running' ? <p className="govuk-body app-loading">Working out the what-if…</p> : null}
      </div>
      {preview.state.status === 'error' ? <LoadError what="the what-if" error={preview.state.error} /> : null}
      {preview.state.status === 'done' ? (
        preview.state.data.previewStatement ? (
          <StatementView
            statement={preview.state.data.previewStatement}
            label={`What-if for ${yearLabel(period)}`}
            idPrefix={`${prefix}-result`}
          />
        ) : (
          <p className="govuk-body">The service gave no what-if for this contract.</p>
        )
      ) : null}
      <IssueStatement contract={contract} onIssued={onIssued} />
    </section>
  );
}

/** "Issue statement": choose a year, confirm, see the issued statement. Issued years are not offered. */
function IssueStatement({ contract, onIssued }: { contract: ContractFields; onIssued: () => void }) {
  const prefix = `issue-${contract.id}`;
  const issued = new Set(contract.statements.map((s) => s.period));
  const open = yearsOf(contract.periodStart, contract.periodEnd).filter((y) => !issued.has(y));
  const [period, setPeriod] = useState<number | null>(open[open.length - 1] ?? null);
  const [confirming, setConfirming] = useState(false);
  const issue = useRun(ISSUE_MUTATION);

  return (
    <section aria-labelledby={`${prefix}-heading`} className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-m" id={`${prefix}-heading`}>
        Issue a statement<span className="govuk-visually-hidden"> for {contract.name}</span>
      </h3>
      {issue.state.status === 'done' ? (
        <>
          <div className="govuk-panel govuk-panel--confirmation" role="status">
            <h4 className="govuk-panel__title">Statement issued</h4>
            <div className="govuk-panel__body">
              {yearLabel(issue.state.data.issueStatement.period)}: total{' '}
              {formatPence(issue.state.data.issueStatement.totalPence)}
            </div>
          </div>
          <StatementView
            statement={issue.state.data.issueStatement}
            label={`Issued statement for ${yearLabel(issue.state.data.issueStatement.period)}`}
            idPrefix={`${prefix}-result`}
          />
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => issue.reset()}>
            Issue another year
          </button>
        </>
      ) : open.length === 0 || period === null ? (
        <p className="govuk-body">Every year of this contract has an issued statement.</p>
      ) : confirming ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Issue the statement for {yearLabel(period)} under the saved terms (version {contract.latestVersion})? It is
            frozen once issued and cannot be changed or issued again.
            <div className="govuk-button-group govuk-!-margin-top-4">
              <button
                type="button"
                className="govuk-button govuk-button--warning"
                disabled={issue.state.status === 'running'}
                onClick={() => {
                  void issue.run({ contractId: contract.id, period }).then((done) => {
                    setConfirming(false);
                    if (done) onIssued();
                  });
                }}
              >
                Yes, issue the statement
              </button>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => setConfirming(false)}
              >
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <SelectField
            id={`${prefix}-period`}
            label="Year to issue"
            style={{ maxWidth: '100%' }}
            value={period}
            options={yearOptions(open)}
            onChange={(v) => setPeriod(Number(v))}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Issue statement
          </button>
        </form>
      )}
      {issue.state.status === 'error' ? <LoadError what="the issued statement" error={issue.state.error} /> : null}
    </section>
  );
}
