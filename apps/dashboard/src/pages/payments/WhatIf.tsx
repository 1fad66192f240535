/** For the contract's council: what-if under changed terms, and issuing a statement (with a confirmation step). */
import { useState } from 'react';
import { LoadError } from '../../components/States';
import type { MissingDataRule, PartialType } from '../../graphql/generated';
import { formatPence } from './money';
import { ErrorSummary, FieldError, fieldError, useRun, yearLabel, yearsOf } from './parts';
import { ISSUE_MUTATION, PREVIEW_QUERY, type ContractFields } from './queries';
import { StatementView } from './StatementView';
import { fieldId, MISSING_DATA_LABELS, TARGET_FIELD_LABELS, termsToForm, toTermsInput, type FormError, type IndicatorForm, type TermsForm } from './terms';

const RULES = Object.keys(MISSING_DATA_LABELS) as MissingDataRule[];

function inputClass(base: string, error: string | null): string {
  return error ? `${base} govuk-input--error` : base;
}

export function WhatIf({ contract, titles, onIssued }: { contract: ContractFields; titles: ReadonlyMap<string, string>; onIssued: () => void }) {
  const prefix = `whatif-${contract.id}`;
  const years = yearsOf(contract.periodStart, contract.periodEnd);
  const [form, setForm] = useState<TermsForm>(() => termsToForm(contract.terms));
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
        What if the terms changed?
      </h3>
      <p className="govuk-body">
        Change targets, weights, partial rules or the missing-data rule and see what the statement would say. Nothing is saved or
        issued.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${prefix}-period`}>
            Year
          </label>
          <select className="govuk-select" style={{ maxWidth: '100%' }} id={`${prefix}-period`} value={period} onChange={(e) => setPeriod(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {yearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <MoneyField id={`${prefix}-fixed-fee`} label="Fixed fee (£)" value={form.fixedFee} errors={errors} onChange={(v) => setForm((f) => ({ ...f, fixedFee: v }))} />
        <MoneyField id={`${prefix}-pot`} label="Outcome-linked pot (£)" value={form.pot} errors={errors} onChange={(v) => setForm((f) => ({ ...f, pot: v }))} />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${prefix}-missing`}>
            When an indicator has no usable figure
          </label>
          <select
            className="govuk-select"
            id={`${prefix}-missing`}
            value={form.missingData}
            onChange={(e) => setForm((f) => ({ ...f, missingData: e.target.value as MissingDataRule }))}
          >
            {RULES.map((r) => (
              <option key={r} value={r}>
                {MISSING_DATA_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {form.indicators.map((ind, i) => {
          const targetId = fieldId(prefix, i, 'target');
          const weightId = fieldId(prefix, i, 'weight');
          const floorId = fieldId(prefix, i, 'floor');
          const missingId = fieldId(prefix, i, 'missing');
          const targetError = fieldError(errors, targetId);
          const weightError = fieldError(errors, weightId);
          const floorError = fieldError(errors, floorId);
          return (
            <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={ind.indicatorId}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                Indicator {i + 1}: {titles.get(ind.indicatorId) ?? ind.indicatorId} ({ind.target.type.toLowerCase()} target)
              </legend>
              <div className={`govuk-form-group${targetError ? ' govuk-form-group--error' : ''}`}>
                <label className="govuk-label" htmlFor={targetId}>
                  {TARGET_FIELD_LABELS[ind.targetField]}
                </label>
                <FieldError id={targetId} message={targetError} />
                <input
                  className={inputClass('govuk-input govuk-input--width-10', targetError)}
                  id={targetId}
                  inputMode="decimal"
                  value={ind.targetValue}
                  aria-describedby={targetError ? `${targetId}-error` : undefined}
                  onChange={(e) => setIndicator(i, { targetValue: e.target.value })}
                />
              </div>
              <div className={`govuk-form-group${weightError ? ' govuk-form-group--error' : ''}`}>
                <label className="govuk-label" htmlFor={weightId}>
                  Weight
                </label>
                <FieldError id={weightId} message={weightError} />
                <input
                  className={inputClass('govuk-input govuk-input--width-4', weightError)}
                  id={weightId}
                  inputMode="numeric"
                  value={ind.weight}
                  aria-describedby={weightError ? `${weightId}-error` : undefined}
                  onChange={(e) => setIndicator(i, { weight: e.target.value })}
                />
              </div>
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
                        <label className="govuk-label govuk-radios__label" htmlFor={`${prefix}-indicator-${i}-partial-${p}`}>
                          {p === 'LINEAR' ? 'Linear from a floor to the target' : 'All or nothing'}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              {ind.partialType === 'LINEAR' ? (
                <div className={`govuk-form-group${floorError ? ' govuk-form-group--error' : ''}`}>
                  <label className="govuk-label" htmlFor={floorId}>
                    Floor (nothing earned at or worse than this)
                  </label>
                  <FieldError id={floorId} message={floorError} />
                  <input
                    className={inputClass('govuk-input govuk-input--width-10', floorError)}
                    id={floorId}
                    inputMode="decimal"
                    value={ind.floor}
                    aria-describedby={floorError ? `${floorId}-error` : undefined}
                    onChange={(e) => setIndicator(i, { floor: e.target.value })}
                  />
                </div>
              ) : null}
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor={missingId}>
                  No usable figure for this indicator
                </label>
                <select
                  className="govuk-select"
                  id={missingId}
                  value={ind.missingData}
                  onChange={(e) => setIndicator(i, { missingData: e.target.value as MissingDataRule | '' })}
                >
                  <option value="">The contract's rule</option>
                  {RULES.map((r) => (
                    <option key={r} value={r}>
                      {MISSING_DATA_LABELS[r]}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>
          );
        })}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={preview.state.status === 'running'}>
            Run what-if
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              setForm(termsToForm(contract.terms));
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
          <StatementView statement={preview.state.data.previewStatement} label={`What-if for ${yearLabel(period)}`} idPrefix={`${prefix}-result`} />
        ) : (
          <p className="govuk-body">The service gave no what-if for this contract.</p>
        )
      ) : null}
      <IssueStatement contract={contract} onIssued={onIssued} />
    </section>
  );
}

function MoneyField({ id, label, value, errors, onChange }: { id: string; label: string; value: string; errors: readonly FormError[]; onChange: (v: string) => void }) {
  const error = fieldError(errors, id);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldError id={id} message={error} />
      <input
        className={inputClass('govuk-input govuk-input--width-10', error)}
        id={id}
        inputMode="decimal"
        value={value}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
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
        Issue a statement
      </h3>
      {issue.state.status === 'done' ? (
        <>
          <div className="govuk-panel govuk-panel--confirmation" role="status">
            <h4 className="govuk-panel__title">Statement issued</h4>
            <div className="govuk-panel__body">{yearLabel(issue.state.data.issueStatement.period)}: total {formatPence(issue.state.data.issueStatement.totalPence)}</div>
          </div>
          <StatementView statement={issue.state.data.issueStatement} label={`Issued statement for ${yearLabel(issue.state.data.issueStatement.period)}`} idPrefix={`${prefix}-result`} />
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => issue.reset()}
          >
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
            Issue the statement for {yearLabel(period)} under the saved terms (version {contract.latestVersion})? It is frozen once
            issued and cannot be changed or issued again.
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
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)}>
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
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`${prefix}-period`}>
              Year to issue
            </label>
            <select className="govuk-select" style={{ maxWidth: '100%' }} id={`${prefix}-period`} value={period} onChange={(e) => setPeriod(Number(e.target.value))}>
              {open.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(y)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Issue statement
          </button>
        </form>
      )}
      {issue.state.status === 'error' ? <LoadError what="the issued statement" error={issue.state.error} /> : null}
    </section>
  );
}
