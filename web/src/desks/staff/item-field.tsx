import { cloneElement, useId, type ReactElement } from 'react';

type Control = ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;

/**
 * A labelled control of a declaration item, with the server's complaint about it (in Chinese) underneath. The
 * label names the control by `for`, so its accessible name is the label alone (not the options of a select).
 */
export function ItemField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: Control;
}) {
  const id = useId();
  const note = error || hint ? `${id}-note` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-describedby': note,
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <span id={note} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={note} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** The problems of one item, looked up by field name. */
export type FieldErrors = (field: string) => string | undefined;
