import { useEffect, useRef } from 'react';

/** A problem with a form: its message, linked to the field to fix. */
export interface FormProblem {
  /** `#` and the field's id. */
  href: string;
  /** Nothing to say (null, undefined, '') leaves the problem out. */
  message: string | null | undefined;
}

/**
 * GOV.UK error summary: "There is a problem" and a link to each field to fix; nothing when there is
 * none. It takes focus whenever `focusKey` changes (pass the form's errors state), so each submit
 * that finds problems moves focus to it, as the GOV.UK pattern asks.
 */
export function ErrorSummary({ problems, focusKey }: { problems: readonly FormProblem[]; focusKey: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = problems.filter((p): p is FormProblem & { message: string } => Boolean(p.message));
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  if (shown.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {shown.map((p) => (
              <li key={`${p.href}-${p.message}`}>
                <a href={p.href}>{p.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
