import { symbolMeaning } from '../../format/values';

/** The legend under the table: what each symbol used means, what * marks, and how ranks read. */
export function FigureNotes({ symbols, mixedSources, ranked }: { symbols: string[]; mixedSources: boolean; ranked: boolean }) {
  if (symbols.length === 0 && !mixedSources && !ranked) return null;
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
              Place among all councils in England in the latest year shown: 1 is the best. Q1 is the best quarter of councils,
              Q4 the worst. A council without a number that year is not ranked.
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
