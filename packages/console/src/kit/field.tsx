import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

/**
 * What is wrong with a field, in the console's words: its own check's, or its translation of the
 * portal's refusal (by reason or kind of check; the portal's English message is never shown).
 */
export type FieldError = string;

/** What every form control takes besides its value. */
export interface FieldProps {
  /** The control's id; the hint and the error get `${id}-hint` and `${id}-error`. */
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: FieldError | undefined;
  required?: boolean | undefined;
}

/** The ids a control names in `aria-describedby`: its hint, then its error (absent parts left out). */
export function describedBy({
  id,
  hint,
  error,
}: Pick<FieldProps, 'id' | 'hint' | 'error'>): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The label's text with the "required" mark (words, not only an asterisk or a colour). */
export function LabelText({ label, required }: Pick<FieldProps, 'label' | 'required'>) {
  const { t } = useT(kitMessages);
  return (
    <>
      {label}
      {required && <span class="field-required"> ({t('required')})</span>}
    </>
  );
}

export function FieldHint({ id, hint }: Pick<FieldProps, 'id' | 'hint'>) {
  return hint ? (
    <p id={`${id}-hint`} class="field-hint">
      {hint}
    </p>
  ) : null;
}

export function FieldErrorText({ id, error }: Pick<FieldProps, 'id' | 'error'>) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="field-error">
      <span class="field-error-icon" aria-hidden="true">
        !
      </span>
      {error}
    </p>
  );
}
