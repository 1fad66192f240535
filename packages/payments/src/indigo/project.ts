/**
 * A contract as an INDIGO project (README.md): its outcome metrics (each target indicator and each
 * rate), prices (a rate's price per unit; a target's share of the pot, the most it can earn) and
 * payments (each issued statement's latest revision, per line), in pounds. Open data, so every
 * statement goes through disclosure control as for a viewer outside the contract: a withheld amount
 * is marked PRIVATE and left out. Pure: the caller reads the statements.
 */
import { discloseStatement } from '../disclose';
import type { StatementDocument } from '../document';
import { allocate } from '../engine/money';
import type { Terms } from '../terms';

export interface IndigoContract {
  name: string;
  periodStart: number;
  periodEnd: number;
  councilName: string | null;
  practiceName: string | null;
}

export interface IndigoMetricInfo {
  id: string;
  title: string;
}

type Value<T> = { value: T };
const v = <T>(value: T): Value<T> => ({ value });
/** Pence as pounds for the standard's numbers: exact, as pence / 100 has at most two decimals. */
const pounds = (pence: number) => pence / 100;
const metricId = (kind: 'target' | 'rate', indicatorId: string) => `${kind}-${indicatorId}`;
/** A reporting year Y runs 1 April Y-1 to 31 March Y. */
const yearStart = (period: number) => `${period - 1}-04-01`;
const yearEnd = (period: number) => `${period}-03-31`;

export interface IndigoPayment {
  outcome_metric_id: Value<string>;
  period: { start_date: Value<string>; end_date: Value<string> };
  type: Value<'Actual'>;
  money?: { currency: Value<string>; amount: Value<number> };
  status: 'PUBLIC' | 'PRIVATE';
  notes?: string;
}

export function indigoProject(
  contract: IndigoContract,
  terms: Terms,
  definitions: readonly IndigoMetricInfo[],
  statements: readonly StatementDocument[],
) {
  const title = new Map(definitions.map((d) => [d.id, d.title]));
  const source = 'Children looked after (SSDA903) and social work workforce returns, as computed by Continuity';
  const metrics = [
    ...terms.indicators.map((t) => ({
      id: metricId('target', t.indicatorId),
      definition: v(title.get(t.indicatorId) ?? t.indicatorId),
      outcome_metric_target: v(`${t.target.type} target, ${t.partial.type.replace(/_/g, ' ')}; weight ${t.weight}`),
      data_source_for_outcome_validation: v(source),
      status: 'PUBLIC',
    })),
    ...(terms.rateCard?.rates ?? []).map((r) => ({
      id: metricId('rate', r.indicatorId),
      definition: v(title.get(r.indicatorId) ?? r.indicatorId),
      unit_type_of_targeted_service_users_or_beneficiaries: v('Individual'),
      unit_description_of_service_user_or_beneficiaries: v('A child counted in the indicator for the reporting year'),
      data_source_for_outcome_validation: v(source),
      status: 'PUBLIC',
    })),
  ];
  const shares = allocate(
    terms.outcomePotPence,
    terms.indicators.map((t) => t.weight),
  );
  const caps = [
    terms.rateCard?.capPerYearPence !== undefined ? `at most ${pounds(terms.rateCard.capPerYearPence)} a year` : '',
    terms.rateCard?.capContractPence !== undefined
      ? `at most ${pounds(terms.rateCard.capContractPence)} over the contract`
      : '',
  ].filter(Boolean);
  const pricings = [
    ...terms.indicators.map((t, i) => ({
      outcome_metric_id: v(metricId('target', t.indicatorId)),
      currency: v('GBP'),
      maximum_price_if_all_targets_achieved: { amount: v(String(pounds(shares[i]!))) },
      price_description: v(
        `A share of the outcome-linked pot by weight (${t.weight} of ${terms.indicators.reduce((a, x) => a + x.weight, 0)})`,
      ),
      status: 'PUBLIC',
    })),
    ...(terms.rateCard?.rates ?? []).map((r) => ({
      outcome_metric_id: v(metricId('rate', r.indicatorId)),
      currency: v('GBP'),
      price_per_unit: { amount: v(pounds(r.pricePence)) },
      price_description: v(
        [`Per child counted`, r.maxUnits !== undefined ? `at most ${r.maxUnits} a year` : '', ...caps]
          .filter(Boolean)
          .join('; '),
      ),
      status: 'PUBLIC',
    })),
  ];
  const payments: IndigoPayment[] = [];
  for (const document of [...statements].sort((a, b) => a.period - b.period)) {
    const seen = discloseStatement(document);
    const period = { start_date: v(yearStart(document.period)), end_date: v(yearEnd(document.period)) };
    const payment = (id: string, pence: number | null): IndigoPayment =>
      pence === null
        ? {
            outcome_metric_id: v(id),
            period,
            type: v('Actual'),
            status: 'PRIVATE',
            notes: 'Withheld: it would give a suppressed count back.',
          }
        : {
            outcome_metric_id: v(id),
            period,
            type: v('Actual'),
            money: { currency: v('GBP'), amount: v(pounds(pence)) },
            status: 'PUBLIC',
          };
    for (const line of seen.lines) payments.push(payment(metricId('target', line.indicatorId), line.earnedPence));
    for (const line of seen.rateCard?.lines ?? [])
      payments.push(payment(metricId('rate', line.indicatorId), line.paidPence));
  }
  const parties = [contract.councilName, contract.practiceName].filter(Boolean).join(' and ');
  return {
    status: 'PUBLIC' as const,
    name: v(parties ? `${contract.name} (${parties})` : contract.name),
    dates: {
      start_date_of_service_provision: { value: yearStart(contract.periodStart), status: 'PUBLIC' as const },
      anticipated_end_date_of_service_provision: { value: yearEnd(contract.periodEnd), status: 'PUBLIC' as const },
    },
    outcome_metrics: metrics,
    outcome_pricings: pricings,
    outcome_payments: payments,
  };
}
