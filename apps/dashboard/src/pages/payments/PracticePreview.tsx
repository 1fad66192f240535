/**
 * The practice's preview of its own next statement (issue 18): the contract's current terms on the
 * figures as they stand, not issued. What-if under changed terms stays the council's (WhatIf.tsx).
 */
import { useState } from 'react';
import { LoadError } from '../../components/States';
import { SelectField } from './fields';
import { useRun, yearLabel, yearsOf } from './parts';
import { PREVIEW_QUERY, type ContractFields } from './queries';
import { StatementView } from './StatementView';

export function PracticePreview({ contract }: { contract: ContractFields }) {
  const issued = new Set(contract.statements.map((s) => s.period));
  const years = yearsOf(contract.periodStart, contract.periodEnd);
  // the next statement: the first year not issued yet, else the last year
  const [period, setPeriod] = useState(years.find((y) => !issued.has(y)) ?? contract.periodEnd);
  const preview = useRun(PREVIEW_QUERY);
  const prefix = `preview-${contract.id}`;
  return (
    <section className="govuk-!-margin-top-6" aria-labelledby={`${prefix}-heading`}>
      <h3 className="govuk-heading-m" id={`${prefix}-heading`}>
        Preview your next statement<span className="govuk-visually-hidden"> for {contract.name}</span>
      </h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void preview.run({ contractId: contract.id, period });
        }}
      >
        <SelectField
          id={`${prefix}-period`}
          label="Year"
          value={period}
          options={years.map((y) => ({ value: y, text: yearLabel(y) }))}
          onChange={(v) => setPeriod(Number(v))}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Preview my statement
        </button>
      </form>
      {preview.state.status === 'error' ? <LoadError what="the preview" error={preview.state.error} /> : null}
      {preview.state.status === 'done' && preview.state.data.previewStatement ? (
        <StatementView
          statement={preview.state.data.previewStatement}
          label={`Preview for ${yearLabel(period)}`}
          idPrefix={`${prefix}-statement`}
          context={contract.name}
        />
      ) : null}
    </section>
  );
}
