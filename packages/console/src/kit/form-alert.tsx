import type { Signal } from '@preact/signals';
import type { FormError } from './form.ts';

/**
 * The form's own error (a refusal not about one field): announced when it appears, and focused by the
 * form helper when there is no field to focus.
 */
export function FormAlert({ error }: { error: Signal<FormError | null> }) {
  const current = error.value;
  return (
    <div class="form-alert-slot" role="alert">
      {current && (
        <div class="form-alert" tabIndex={-1}>
          <p>{current.text}</p>
          {current.server && (
            <p class="form-alert-server" lang="en">
              {current.server}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
