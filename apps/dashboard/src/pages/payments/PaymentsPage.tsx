/**
 * Payments (issue 6): the contracts the viewer may see, their issued statements (per indicator:
 * target, actual, outcome, money and why; totals; CSV), and for the contract's council a what-if
 * form, issuing, and creating a first contract. Issue 18: every revision of a statement with the
 * returns it came from and its disputes; the practice previews its own next statement.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../../auth/session';
import { Empty, LoadError, Loading } from '../../components/States';
import { clearQueryCache } from '../../graphql/useQuery';
import { formatPence } from './money';
import { useRun, yearLabel } from './parts';
import type { PaymentsContractsQuery } from '../../graphql/generated';
import { CONTRACTS_QUERY, STATEMENT_QUERY, type ContractFields } from './queries';
import { useQuery } from '../../graphql/useQuery';
import { StatementView } from './StatementView';
import { CreateContract } from './CreateContract';
import { WhatIf } from './WhatIf';
import { PracticePreview } from './PracticePreview';
import { Verification } from './Verification';

export default function PaymentsPage() {
  const session = useSession();
  const contracts = useRun(CONTRACTS_QUERY);
  const [reload, setReload] = useState(0);
  // The last list received: kept on screen while it is fetched again (after a change).
  const [data, setData] = useState<PaymentsContractsQuery | null>(null);
  useEffect(() => {
    void contracts.run({}).then((d) => {
      if (d) setData(d);
    });
    // Runs again after a contract is created or a statement issued.
  }, [reload, session?.token]);
  const refresh = () => {
    clearQueryCache();
    setReload((n) => n + 1);
  };
  const isCouncil = session?.user.role === 'council';
  const councilCode = isCouncil ? (session.user.organisation?.id ?? null) : null;
  const state = contracts.state;
  const titles = new Map((data?.indicators ?? []).map((i) => [i.id, i.title] as const));

  return (
    <>
      <h1 className="govuk-heading-xl">Payments</h1>
      <p className="govuk-body-l">
        Payment-by-results contracts and their statements: for each indicator, the target, the actual figure, whether it
        was met, what it earned and why.
      </p>
      {!data && state.status !== 'error' ? <Loading>Loading contracts…</Loading> : null}
      {state.status === 'error' ? (
        <LoadError what="the contracts" error={state.error} onRetry={() => setReload((n) => n + 1)} />
      ) : null}
      {data ? (
        data.contracts.length === 0 ? (
          <>
            <Empty>
              <p className="govuk-body" data-testid="payments-empty">
                There are no payment-by-results contracts you can see yet.
              </p>
              <p className="govuk-body">
                {isCouncil
                  ? 'A council makes a contract with one of its practices; you can create one below and then try a what-if and issue a statement.'
                  : 'A council makes contracts with its practices. Once one involving you exists, its statements appear here.'}
              </p>
            </Empty>
            {councilCode ? <CreateContract councilCode={councilCode} onCreated={refresh} /> : null}
          </>
        ) : (
          <>
            {data.contracts.map((c) => (
              <ContractSection
                key={c.id}
                contract={c}
                titles={titles}
                onChanged={refresh}
                role={roleOf(session?.user.role)}
              />
            ))}
            {councilCode ? (
              <details className="govuk-details govuk-!-margin-top-6">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Create another contract</span>
                </summary>
                <div className="govuk-details__text">
                  <CreateContract councilCode={councilCode} onCreated={refresh} />
                </div>
              </details>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}

type Role = 'council' | 'practice' | 'other';
const roleOf = (role: string | undefined): Role => (role === 'council' || role === 'practice' ? role : 'other');

function ContractSection({
  contract,
  titles,
  onChanged,
  role,
}: {
  contract: ContractFields;
  titles: ReadonlyMap<string, string>;
  onChanged: () => void;
  role: Role;
}) {
  // newest year first, and within a year the latest revision first
  const statements = [...contract.statements].sort(
    (a, b) => b.period - a.period || (b.revision ?? 1) - (a.revision ?? 1),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = statements.find((s) => s.id === chosen) ?? statements[0] ?? null;
  const headingId = `contract-${contract.id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="govuk-!-margin-bottom-9"
      data-testid="contract"
      data-contract-id={contract.id}
    >
      <h2 className="govuk-heading-l" id={headingId}>
        {contract.name}
      </h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Council</dt>
          <dd className="govuk-summary-list__value">{contract.council.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Practice</dt>
          <dd className="govuk-summary-list__value">{contract.practice?.name ?? contract.practiceId}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Years</dt>
          <dd className="govuk-summary-list__value">
            {yearLabel(contract.periodStart)} to {yearLabel(contract.periodEnd)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Terms</dt>
          <dd className="govuk-summary-list__value">
            Version {contract.latestVersion}: fixed fee {formatPence(contract.terms.fixedFeePence)}, outcome-linked pot{' '}
            {formatPence(contract.terms.outcomePotPence)}, {contract.terms.indicators.length}{' '}
            {contract.terms.indicators.length === 1 ? 'indicator' : 'indicators'} (
            {contract.terms.indicators.map((t) => titles.get(t.indicatorId) ?? t.indicatorId).join('; ')})
          </dd>
        </div>
      </dl>
      {statements.length === 0 ? (
        <Empty>
          <p className="govuk-body">No statement has been issued for this contract yet.</p>
        </Empty>
      ) : (
        <>
          <div className="app-table-scroll" role="region" aria-labelledby={`${headingId}-statements`} tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m" id={`${headingId}-statements`}>
                Issued statements<span className="govuk-visually-hidden"> of {contract.name}</span>
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Year
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Total
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {statements.map((s) => (
                  <tr className="govuk-table__row" key={s.id}>
                    <th scope="row" className="govuk-table__header">
                      {yearLabel(s.period)}
                      {(s.revision ?? 1) > 1 ? <span className="govuk-body-s"> revision {s.revision}</span> : null}
                      {s.supersededById ? <span className="govuk-body-s"> (superseded)</span> : null}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(s.totalPence)}</td>
                    <td className="govuk-table__cell">
                      {shown?.id === s.id ? (
                        <span className="govuk-body-s">Shown below</span>
                      ) : (
                        <button
                          type="button"
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                          onClick={() => setChosen(s.id)}
                        >
                          View<span className="govuk-visually-hidden"> the statement for {yearLabel(s.period)}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown?.id ? (
            <IssuedStatement
              key={shown.id}
              id={shown.id}
              period={shown.period}
              contractId={contract.id}
              contractName={contract.name}
              role={role}
              canManage={contract.canManage}
              onChanged={onChanged}
            />
          ) : null}
        </>
      )}
      {contract.canManage ? <WhatIf contract={contract} titles={titles} onIssued={onChanged} /> : null}
      {role === 'practice' ? <PracticePreview contract={contract} /> : null}
    </section>
  );
}

/** An issued statement in full (immutable, so the cached answer is always right). */
function IssuedStatement({
  id,
  period,
  contractId,
  contractName,
  role,
  canManage,
  onChanged,
}: {
  id: string;
  period: number;
  contractId: string;
  contractName: string;
  role: Role;
  canManage: boolean;
  onChanged: () => void;
}) {
  const answer = useQuery(STATEMENT_QUERY, { id });
  if (answer.status === 'loading' || answer.status === 'idle')
    return <Loading>Loading the statement for {yearLabel(period)}…</Loading>;
  if (answer.status === 'error')
    return <LoadError what={`the statement for ${yearLabel(period)}`} error={answer.error} onRetry={answer.retry} />;
  if (!answer.data.statement) return <Empty>The statement for {yearLabel(period)} is not available to you.</Empty>;
  const statement = answer.data.statement;
  return (
    <>
      <StatementView
        statement={statement}
        label={`Statement for ${yearLabel(period)}`}
        idPrefix={`statement-${contractId}-${period}-${id}`}
        context={contractName}
      />
      <Verification statement={statement} role={role} canManage={canManage} onChanged={onChanged} />
    </>
  );
}
