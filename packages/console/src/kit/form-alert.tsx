import type { Signal } from '@preact/signals';
import { useT } from '../i18n/translate.ts';
import type { FormError } from './form.ts';
import { kitMessages } from './kit.messages.ts';

/**
 * The form's own error (a refusal not about one field): announced when it appears, and focused by the
 * form helper when there is no field to focus. A refusal the console has no words for keeps the
 * portal's text folded away, for a support request.
 */
export function FormAlert({ error }: { error: Signal<FormError | null> }) {
  const current = error.value;
  return (
    <div class="form-alert-slot" role="alert">
      {current && (
        <div class="form-alert" tabIndex={-1}>
          <p>{current.text}</p>
          {current.support && <SupportDetail text={current.support} />}
        </div>
      )}
    </div>
  );
}

/** The portal's own words on a refusal, in English, folded away: for a support request, not for the clerk. */
export function SupportDetail({ text }: { text: string }) {
  const { t } = useT(kitMessages);
  return (
    <details class="form-alert-support">
      <summary>{t('supportDetails')}</summary>
      <p lang="en">{text}</p>
    </details>
  );
}
