import type { Indicator } from '../../graphql/schema';

/** The indicator's official definition, folded away in a GOV.UK details component. */
export function IndicatorDefinition({ indicator }: { indicator: Indicator }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">How this indicator is defined</span>
      </summary>
      <div className="govuk-details__text">
        <dl className="govuk-summary-list app-definition">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Numerator</dt>
            <dd className="govuk-summary-list__value">{indicator.numerator}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Denominator</dt>
            <dd className="govuk-summary-list__value">{indicator.denominator}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Method</dt>
            <dd className="govuk-summary-list__value">{indicator.method}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Sources</dt>
            <dd className="govuk-summary-list__value">{indicator.source}</dd>
          </div>
        </dl>
      </div>
    </details>
  );
}
