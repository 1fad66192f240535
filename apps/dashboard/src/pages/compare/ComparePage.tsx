import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from '../../components/Link';
import { Empty, LoadError, Loading } from '../../components/States';
import { FIGURE_SERIES_QUERY } from '../../figures/queries';
import { useQuery } from '../../graphql/useQuery';
import { navigate, useLocation } from '../../router';
import { CompareForm } from './CompareForm';
import { CompareResults, preloadChart } from './CompareResults';
import { AreaMultiples, DidView, ViewSwitcher, viewOf } from './CompareViews';
import { COMPARE_OPTIONS_QUERY } from './queries';
import { resolveView, seriesVariables } from './shape';
import { parseCompareView, serialiseCompareView, type CompareView } from './urlState';

const NO_VARIABLES = {};

/**
 * "Compare pilot councils": one indicator, the pilot councils' trends against England, as a chart
 * with the same figures in a table. The view lives in the URL (see urlState.ts).
 */
export default function ComparePage() {
  const { pathname, search } = useLocation();
  const view = useMemo(() => parseCompareView(search), [search]);
  const options = useQuery(COMPARE_OPTIONS_QUERY, NO_VARIABLES);
  const optionsData = options.status === 'success' ? options.data : null;
  const resolved = useMemo(() => (optionsData ? resolveView(view, optionsData) : null), [view, optionsData]);
  const variables = useMemo(() => (resolved ? seriesVariables(resolved) : null), [resolved]);
  // The series of the one-indicator view; also gives the year choices to the form in every view.
  const series = useQuery(FIGURE_SERIES_QUERY, variables);
  const shownTitle = series.status === 'success' ? series.data.series.indicator.title : null;

  // Fetch the chart code while the figures load, not after.
  useEffect(() => {
    if (variables) preloadChart();
  }, [variables]);

  const indicatorTitle = resolved?.indicator.title ?? null;
  useEffect(() => {
    const title = indicatorTitle ? `${indicatorTitle} - Compare pilots` : 'Compare pilots';
    document.title = `${title} - Continuity data hub`;
  }, [indicatorTitle]);

  // The form keeps its own draft. After its own submit the draft already matches the URL, so it
  // stays mounted (focus stays on its button); any other change of URL (back, forward, a link)
  // remounts it with the URL's view.
  const submitted = useRef<string | null>(null);
  const [form, setForm] = useState({ search, version: 0 });
  if (form.search !== search) {
    setForm({ search, version: search === submitted.current ? form.version : form.version + 1 });
  }
  useEffect(() => {
    submitted.current = null;
  }, [search]);

  function show(next: CompareView) {
    const query = serialiseCompareView(next);
    submitted.current = query;
    navigate(`${pathname}${query}`);
  }

  return (
    <>
      <h1 className="govuk-heading-xl">Compare pilots</h1>
      {/* Always in the page, so screen readers hear when new figures have arrived. */}
      <p className="govuk-visually-hidden" role="status">
        {shownTitle ? `Showing figures for ${shownTitle}.` : ''}
      </p>
      <p className="govuk-body-l">
        How the councils that piloted social work practices, and their practices, compare with England, their regions,
        similar councils and each other on each outcome indicator, year by year.
      </p>
      <p className="govuk-body">
        <Link
          className="govuk-link"
          href={`/councils?indicator=${encodeURIComponent(resolved?.indicator.id ?? view.indicator ?? '')}`}
        >
          See every council for this indicator
        </Link>
        , ranked as DfE publishes it, with each figure's confidence interval and a funnel plot.
      </p>

      {options.status === 'loading' || options.status === 'idle' ? (
        <Loading>Loading indicators and councils…</Loading>
      ) : null}
      {options.status === 'error' ? (
        <LoadError what="the indicators and councils" error={options.error} onRetry={options.retry} />
      ) : null}
      {options.status === 'success' && !resolved ? (
        <Empty>There are no indicators or pilot councils to compare yet. The data service has not loaded them.</Empty>
      ) : null}

      {options.status === 'success' && resolved ? (
        <>
          {resolved.notices.length > 0 ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {resolved.notices.map((notice) => (
                  <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" key={notice}>
                    {notice}
                  </p>
                ))}
              </div>
            </div>
          ) : null}
          <CompareForm
            key={form.version}
            options={options.data}
            resolved={resolved}
            periods={series.status === 'success' ? series.data.series.periods : []}
            periodType={series.status === 'success' ? series.data.series.indicator.periodType : null}
            onSubmit={show}
          />
          <ViewSwitcher resolved={resolved} pathname={pathname} />
          {resolved.show === 'trend' ? <CompareResults state={series} resolved={resolved} /> : null}
          {resolved.show === 'areas' ? (
            <AreaMultiples resolved={resolved} options={options.data} pathname={pathname} />
          ) : null}
          {resolved.show === 'did' ? (
            <DidView
              resolved={resolved}
              options={options.data}
              onRef={(ref) => show({ ...viewOf(resolved), councils: view.councils, ref })}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
