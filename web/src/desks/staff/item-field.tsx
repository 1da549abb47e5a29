import type { ReactNode } from 'react';

/** A labelled control of a declaration item, with the server's complaint about it (in Chinese) underneath. */
export function ItemField({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`field${error ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? <span className="field-error">{error}</span> : null}
      {hint && !error ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

/** The problems of one item, looked up by field name. */
export type FieldErrors = (field: string) => string | undefined;
