import { Component, type ReactNode } from 'react';

/** If the chart code fails to load (e.g. a new release replaced the chunk), say so; the table still shows every figure. */
export class ChartErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <div className="govuk-inset-text">
          The chart could not be shown. The table below has the same figures.{' '}
          <a className="govuk-link" href={window.location.href}>
            Reload the page
          </a>{' '}
          to try the chart again.
        </div>
      );
    }
    return this.props.children;
  }
}
