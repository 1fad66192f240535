import { useState, type FormEvent } from 'react';
import { Empty } from './States';

export interface Choice {
  value: string;
  text: string;
}

/**
 * Which one to look at (a council, a practice), for staff who may see any: a GET form whose field is
 * the URL's parameter, so the chosen view can be linked to. Until something is chosen it says what to do.
 */
export function ChooserForm({
  id,
  name,
  label,
  placeholder,
  button,
  prompt,
  choices,
  current,
  onChoose,
}: {
  id: string;
  name: string;
  label: string;
  /** The empty first option, e.g. "Choose a council". */
  placeholder: string;
  button: string;
  /** Shown while nothing is chosen. */
  prompt: string;
  choices: readonly Choice[];
  current: string | null;
  onChoose: (value: string) => void;
}) {
  const [choice, setChoice] = useState(current ?? '');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choice) onChoose(choice);
  }
  return (
    <form method="get" action="" onSubmit={submit} className="app-chooser">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={id}>
          {label}
        </label>
        <div className="app-inline-fields">
          <select
            className="govuk-select"
            id={id}
            name={name}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">{placeholder}</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.text}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            data-module="govuk-button"
          >
            {button}
          </button>
        </div>
      </div>
      {current ? null : <Empty>{prompt}</Empty>}
    </form>
  );
}
