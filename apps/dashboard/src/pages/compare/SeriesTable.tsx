import { periodLabel } from '../../format/values';
import { ENGLAND_STYLE, lineStyle } from './chartStyle';
import type { TableCell, TableModel } from '../../figures/model';
import { Swatch } from './Swatch';

interface Props {
  model: TableModel;
  indicator: { periodType: string };
  caption: string;
  captionId: string;
  /** The first column's heading ("Council" by default). */
  subjectHeader?: string;
  /** The caption as a visible heading above the table (default), or only for screen readers (the figure has a title). */
  showTitle?: boolean;
}

function Cell({ cell, markComputed }: { cell: TableCell; markComputed: boolean }) {
  return (
    <td
      className={`govuk-table__cell govuk-table__cell--numeric${cell.symbol && cell.text === cell.symbol ? ' app-cell--symbol' : ''}`}
    >
      {cell.text}
      {cell.description ? <span className="govuk-visually-hidden"> ({cell.description})</span> : null}
      {markComputed && cell.computed ? (
        <>
          <span aria-hidden="true">*</span>
          <span className="govuk-visually-hidden"> (computed from returns)</span>
        </>
      ) : null}
    </td>
  );
}

/**
 * The chart's figures as a table: the accessible alternative to the chart, and the place every
 * symbol and rank is shown. Scrolls sideways inside its own focusable region on narrow screens.
 */
export function SeriesTable({
  model,
  indicator,
  caption,
  captionId,
  subjectHeader = 'Council',
  showTitle = true,
}: Props) {
  const markComputed = model.sources.sources.length > 1;
  const rankLabel = model.rankPeriod !== null ? periodLabel(model.rankPeriod, indicator.periodType) : null;
  return (
    <>
      <h3 className={showTitle ? 'govuk-heading-m app-table-title' : 'govuk-visually-hidden'} id={captionId}>
        {caption}
      </h3>
      <div className="app-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="govuk-table app-data-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {subjectHeader}
              </th>
              {model.periods.map((p) => (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={p.period}>
                  {p.label}
                </th>
              ))}
              {rankLabel ? (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric app-rank-header">
                  Rank, <span className="app-nowrap">{rankLabel}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {model.rows.map((row, index) => {
              // Rows carry their line's style; without one, the index picks the chart's default.
              const isEngland = row.kind === 'ENGLAND';
              const style = row.style ?? (isEngland ? ENGLAND_STYLE : lineStyle(index));
              return (
                <tr
                  className={`govuk-table__row${isEngland ? ' app-row--england' : ''}${row.comparator ? ' app-row--comparator' : ''}`}
                  key={row.key}
                >
                  <th scope="row" className="govuk-table__header app-subject">
                    <span className="app-subject__inner">
                      <Swatch style={style} />
                      <span>{row.name}</span>
                    </span>
                  </th>
                  {row.cells.map((cell) => (
                    <Cell cell={cell} markComputed={markComputed} key={cell.period} />
                  ))}
                  {rankLabel ? (
                    <td className="govuk-table__cell govuk-table__cell--numeric app-rank">
                      {row.rank ?? <span className="app-muted">Not applicable</span>}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
