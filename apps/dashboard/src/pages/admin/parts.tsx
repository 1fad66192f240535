/** Pieces the admin pages share: the success banner and the API's refusal as a form problem. */
import { useEffect, useRef } from 'react';
import type { FormProblem } from '../../components/ErrorSummary';
import type { RequestError } from '../../graphql/client';

/** A GOV.UK success banner saying what was just done; it takes focus so the change is announced. */
export function Done({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="admin-done-title"
      tabIndex={-1}
      ref={ref}
      data-testid="admin-done"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="admin-done-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

/**
 * The API's refusal (BAD_USER_INPUT messages start with the input's field, "email: ...") as a
 * problem linked to that field of the form, `fields` mapping the API's names to the form's ids.
 */
export function refusal(error: RequestError, fields: Readonly<Record<string, string>>, fallback: string): FormProblem {
  const match = /^([A-Za-z]+): (.*)$/.exec(error.message);
  const field = match ? fields[match[1]!] : undefined;
  if (field && match)
    return { href: `#${field}`, message: `${match[2]!.charAt(0).toUpperCase()}${match[2]!.slice(1)}` };
  const plain =
    error.kind === 'graphql' && error.codes.includes('BAD_USER_INPUT')
      ? error.message
      : 'The data service could not make the change. Try again.';
  return { href: `#${fallback}`, message: `${plain.charAt(0).toUpperCase()}${plain.slice(1)}` };
}
