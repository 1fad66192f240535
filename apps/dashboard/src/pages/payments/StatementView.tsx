/** One statement: per indicator target, actual, outcome, money and why; totals; notes and rules; CSV. */
import { numeric, TableHead } from '../../components/TableHead';
import { symbolMeaning } from '../../format/values';
import type { LineOutcome } from '../../graphql/generated';
import { formatAchievement, formatPence } from './money';
import { CsvLink, yearLabel } from './parts';
import type { StatementFields } from './queries';

const OUTCOMES: Readonly<Record<LineOutcome, { text: string; tag: string }>> = {
  MET: { text: 'Met', tag: 'govuk-tag--green' },
  PARTLY: { text: 'Partly met', tag: 'govuk-tag--yellow' },
  NOT_MET: { text: 'Not met', tag: 'govuk-tag--red' },
  NO_DATA: { text: 'No data', tag: 'govuk-tag--grey' },
};

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

function figure(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '';
  return unit === 'percent' ? `${number.format(value)}%` : number.format(value);
}

function part(value: number | null, symbol: string | null): string {
  if (value !== null) return number.format(value);
  return symbol ?? 'x';
}

function Actual({ line }: { line: StatementFields['lines'][number] }) {
  const a = line.actual;
  if (a.value === null) {
    const symbol = a.symbol ?? 'x';
    const meaning = symbolMeaning(symbol);
    return (
      <>
        <strong>{symbol}</strong>
        <span className="govuk-body-s app-cell-note"> {meaning.meaning}</span>
        <br />
        <span className="govuk-body-s">
          {yearLabel(a.period)}, {a.source}
        </span>
      </>
    );
  }
  return (
    <>
      <strong>{figure(a.value, line.unit)}</strong>
      {a.symbol ? (
        <span className="govuk-body-s">
          {' '}
          {a.symbol} ({symbolMeaning(a.symbol).short})
        </span>
      ) : null}
      <br />
      <span className="govuk-body-s">
        {part(a.numerator, a.numeratorSymbol)} of {part(a.denominator, a.denominatorSymbol)}, {yearLabel(a.period)},{' '}
        {a.source}
      </span>
    </>
  );
}

export function StatementView({
  statement,
  label,
  idPrefix,
  context,
}: {
  statement: StatementFields;
  label: string;
  idPrefix: string;
  /** Read out after the label (e.g. the contract's name), so several statements' landmarks differ. */
  context?: string;
}) {
  const hidden = context ? <span className="govuk-visually-hidden">, {context}</span> : null;
  const whatIf = statement.status === 'PREVIEW';
  const captionId = `${idPrefix}-caption`;
  return (
    <section
      className={`app-statement${whatIf ? ' app-statement--whatif' : ''}`}
      aria-labelledby={`${idPrefix}-heading`}
      data-testid={whatIf ? 'whatif-statement' : 'statement'}
    >
      <h3 className="govuk-heading-m" id={`${idPrefix}-heading`}>
        {label}
        {hidden}{' '}
        {whatIf ? (
          <strong className="govuk-tag govuk-tag--orange">
            {statement.termsOverridden ? 'Not issued: what-if' : 'Not issued: preview'}
          </strong>
        ) : (
          <strong className="govuk-tag govuk-tag--blue">Issued</strong>
        )}
      </h3>
      <p className="govuk-body-s">
        Year {yearLabel(statement.period)}; terms version {statement.version}
        {statement.issuedAt
          ? `; issued ${new Date(statement.issuedAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}`
          : ''}
        {statement.issuedBy ? ` by ${statement.issuedBy}` : ''}.
      </p>

      <dl className="govuk-summary-list" data-testid="statement-totals">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Fixed fee</dt>
          <dd className="govuk-summary-list__value">{formatPence(statement.fixedFeePence)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Outcome-linked earned</dt>
          <dd className="govuk-summary-list__value">
            {formatPence(statement.earnedPence)} of {formatPence(statement.outcomePotPence)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Total</dt>
          <dd className="govuk-summary-list__value">
            <strong data-testid="statement-total">{formatPence(statement.totalPence)}</strong>
          </dd>
        </div>
      </dl>

      <div className="app-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="govuk-table govuk-!-font-size-16">
          <caption className="govuk-table__caption govuk-table__caption--s" id={captionId}>
            {label}
            {hidden}: each indicator’s target, actual, outcome and what it earned
          </caption>
          <TableHead
            columns={[
              'Indicator',
              'Target',
              'Actual',
              'Outcome',
              numeric('Achievement'),
              numeric('Allocated'),
              numeric('Earned'),
              'Why',
            ]}
          />
          <tbody className="govuk-table__body">
            {statement.lines.map((line) => {
              const outcome = OUTCOMES[line.outcome];
              return (
                <tr className="govuk-table__row" key={line.indicatorId}>
                  <th scope="row" className="govuk-table__header">
                    {line.title}
                    <br />
                    <span className="govuk-body-s">weight {line.weight}</span>
                  </th>
                  <td className="govuk-table__cell">
                    {line.targetDescription}
                    {line.targetValue !== null ? (
                      <>
                        <br />
                        <span className="govuk-body-s">target {figure(line.targetValue, line.unit)}</span>
                      </>
                    ) : null}
                    {line.floorValue !== null ? (
                      <>
                        <br />
                        <span className="govuk-body-s">floor {figure(line.floorValue, line.unit)}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    <Actual line={line} />
                  </td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${outcome.tag}`}>{outcome.text}</strong>
                    {line.excluded ? (
                      <>
                        <br />
                        <span className="govuk-body-s">left out</span>
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {formatAchievement(line.achievement)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(line.allocatedPence)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(line.earnedPence)}</td>
                  <td className="govuk-table__cell">{line.explanation}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {statement.rateCardLines.length > 0 ? (
        <div
          className="app-table-scroll"
          role="region"
          aria-labelledby={`${captionId}-rates`}
          tabIndex={0}
          data-testid="rate-card"
        >
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-table__caption--s" id={`${captionId}-rates`}>
              {label}
              {hidden}: rate card, {formatPence(statement.rateCardPence)} paid
            </caption>
            <TableHead
              columns={[
                'Paid per unit of',
                numeric('Price'),
                numeric('Counted'),
                numeric('Units'),
                numeric('Earned'),
                numeric('Paid'),
                'Why',
              ]}
            />
            <tbody className="govuk-table__body">
              {statement.rateCardLines.map((r) => (
                <tr className="govuk-table__row" key={r.indicatorId}>
                  <th scope="row" className="govuk-table__header">
                    {r.title}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.pricePence)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {r.counted === null ? (r.countedSymbol ?? 'x') : number.format(r.counted)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.units === null ? 'c' : r.units}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.grossPence)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.paidPence)}</td>
                  <td className="govuk-table__cell">{r.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {statement.notes.length > 0 ? (
        <>
          <h4 className="govuk-heading-s">Notes</h4>
          <ul className="govuk-list govuk-list--bullet">
            {statement.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
      {statement.rules.length > 0 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">The rules applied</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {statement.rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
      {statement.sha256 ? (
        <p className="govuk-body-s app-hash">
          Frozen statement, SHA-256:{' '}
          <code data-testid="statement-sha256" style={{ wordBreak: 'break-all' }}>
            {statement.sha256}
          </code>
          {statement.intact === true
            ? ' (the stored statement still matches it)'
            : statement.intact === false
              ? ' (the stored statement no longer matches it)'
              : ''}
        </p>
      ) : null}
      <CsvLink
        csv={statement.csv}
        fileName={`statement-${statement.contractId}-${statement.period}${whatIf ? '-what-if' : ''}.csv`}
      >
        Download this statement <span className="app-nowrap">(CSV)</span>
      </CsvLink>
    </section>
  );
}
