/** The fields of the payments forms (GOV.UK text inputs and selects), each with its label and error. */
import type { CSSProperties, HTMLAttributes } from 'react';
import type { FormProblem } from '../../components/ErrorSummary';
import type { FormError } from './terms';

/** The form's errors as the error summary lists them, each linked to its field. */
export function problemsOf(errors: readonly FormError[]): FormProblem[] {
  return errors.map((e) => ({ href: `#${e.field}`, message: e.message }));
}

function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

/**
 * A text input with its label, optional hint and its error from the form's errors (found by the
 * field's id). Values stay text: the form checks them all on submit.
 */
export function TextField({
  id,
  label,
  value,
  errors,
  onChange,
  hint,
  width = 'govuk-input--width-10',
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  errors: readonly FormError[];
  onChange: (value: string) => void;
  hint?: string;
  /** A GOV.UK width class; '' for the full width. */
  width?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}) {
  const error = errors.find((e) => e.field === id)?.message ?? null;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError id={id} message={error} />
      <input
        className={['govuk-input', width, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ')}
        id={id}
        inputMode={inputMode}
        value={value}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export interface Option<T extends string | number> {
  value: T;
  text: string;
}

/** A select with its label; nothing to check, as every option is valid. */
export function SelectField<T extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  className = 'govuk-select',
  style,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly Option<T>[];
  /** The chosen option's value, as the select gives it: text. */
  onChange: (value: string) => void;
  className?: string;
  style?: CSSProperties;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select className={className} style={style} id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
