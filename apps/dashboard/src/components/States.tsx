import type { ReactNode } from 'react';
import type { RequestError } from '../graphql/client';

/** A loading message announced politely to screen readers. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <div className="app-loading" role="status" aria-live="polite">
      <p className="govuk-body">{children}</p>
    </div>
  );
}

/** Why something could not be loaded, in plain words, with a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: RequestError; onRetry?: () => void }) {
  const plain =
    error.kind === 'network'
      ? 'The data service could not be reached.'
      : error.kind === 'graphql' && error.codes.includes('BAD_USER_INPUT')
        ? 'The data service could not answer this request.'
        : 'The data service had a problem.';
  return (
    <div className="govuk-notification-banner app-error-banner" role="alert" aria-labelledby="load-error-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="load-error-title">
          There is a problem
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Sorry, we could not load {what}.</p>
        <p className="govuk-body">
          {plain} Try again. If it keeps happening, tell the service team what you were looking at.
        </p>
        <p className="govuk-body-s app-error-detail">Details: {error.message}</p>
        {onRetry ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={onRetry}
          >
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** Nothing to show, said plainly. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}
