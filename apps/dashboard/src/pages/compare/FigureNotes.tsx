import { symbolMeaning } from '../../format/values';

/** The legend under the table: what each symbol used means, what * marks, and how ranks read. */
export function FigureNotes({
  symbols,
  mixedSources,
  ranked,
  comparators = false,
  extra = [],
}: {
  symbols: string[];
  mixedSources: boolean;
  ranked: boolean;
  comparators?: boolean;
  /** More terms to explain: [term, meaning]. */
  extra?: readonly (readonly [string, string])[];
}) {
  if (symbols.length === 0 && !mixedSources && !ranked && !comparators && extra.length === 0) return null;
  return (
    <div className="app-notes">
      <h3 className="govuk-heading-s">About the figures in the table</h3>
      <dl className="app-legend">
        {symbols.map((symbol) => (
          <div className="app-legend__row" key={symbol}>
            <dt className="app-legend__symbol">{symbol}</dt>
            <dd className="app-legend__meaning">{symbolMeaning(symbol).meaning}</dd>
          </div>
        ))}
        {mixedSources ? (
          <div className="app-legend__row">
            <dt className="app-legend__symbol">*</dt>
            <dd className="app-legend__meaning">Computed from councils' returns: DfE has not published this figure.</dd>
          </div>
        ) : null}
        {ranked ? (
          <div className="app-legend__row">
            <dt className="app-legend__symbol">Rank</dt>
            <dd className="app-legend__meaning">
              Place among all councils in England in the latest year shown: 1 is the best. Q1 is the best quarter of
              councils, Q4 the worst. A council without a number that year is not ranked.
            </dd>
          </div>
        ) : null}
        {comparators ? (
          <div className="app-legend__row">
            <dt className="app-legend__symbol">Region, neighbours</dt>
            <dd className="app-legend__meaning">
              The council's region, and its ten statistical neighbours (DfE's most similar councils) pooled: the sum of
              their numerators over the sum of their denominators, not an average of their rates.
            </dd>
          </div>
        ) : null}
        {extra.map(([term, meaning]) => (
          <div className="app-legend__row" key={term}>
            <dt className="app-legend__symbol">{term}</dt>
            <dd className="app-legend__meaning">{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
