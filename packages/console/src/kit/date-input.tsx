import { isCalendarDate } from '@otklik/client/schemas';
import { useState } from 'preact/hooks';
import { formatDate } from '../i18n/format.ts';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { describedBy, FieldErrorText, FieldHint, type FieldProps, LabelText } from './field.tsx';
import { kitMessages } from './kit.messages.ts';

/** The widest dates a field takes: a five-digit year is a slip of the keyboard, never a due date. */
const MIN = '1900-01-01';
const MAX = '2999-12-31';

/** `YYYY-MM-DD` as the console writes a date in the current language. */
const shownDate = (iso: string) => formatDate(language.value, iso, 'UTC');

export interface DateInputProps extends FieldProps {
  /** The date (`YYYY-MM-DD`), or `''` for none. */
  value: string;
  /**
   * Called with the date entered (`''`: cleared) or `null` when what is typed is not a date (an
   * impossible day such as 30 February, or a part left out); the field then says so itself.
   */
  onValue: (value: string | null) => void;
  min?: string | undefined;
  max?: string | undefined;
}

/**
 * A date field: the browser's own date control (`<input type="date">`, typed or picked, in the
 * browser's language), labelled, and refusing a date that does not exist with a message of its own
 * (the browser gives no value for it, so without this it would silently count as "no date").
 */
export function DateInput({ id, label, hint, error, required, value, onValue, min, max }: DateInputProps) {
  const { t } = useT(kitMessages);
  const [bad, setBad] = useState<'date' | 'range' | null>(null);
  const read = (input: HTMLInputElement) => {
    // `badInput`: the browser holds an entry that is not a date; a text fallback is checked here.
    const invalid = input.validity.badInput || (input.value !== '' && !isCalendarDate(input.value));
    // ISO dates compare as strings.
    const outside =
      !invalid && input.value !== '' && (input.value < (min ?? MIN) || input.value > (max ?? MAX));
    const next = invalid ? 'date' : outside ? 'range' : null;
    if (next === bad && (next !== null || input.value === value)) return;
    setBad(next);
    onValue(next ? null : input.value);
  };
  const shown =
    bad === 'date'
      ? t('invalidDate')
      : bad === 'range'
        ? t('dateOutside', { min: shownDate(min ?? MIN), max: shownDate(max ?? MAX) })
        : error;
  const field = { id, hint, error: shown };
  return (
    <div class="field">
      <label for={id} class="field-label">
        <LabelText label={label} required={required} />
      </label>
      <FieldHint id={id} hint={hint} />
      <input
        id={id}
        type="date"
        class="field-control field-control--date"
        required={required ?? false}
        aria-invalid={shown ? 'true' : undefined}
        aria-describedby={describedBy(field)}
        value={value}
        min={min ?? MIN}
        max={max ?? MAX}
        onInput={(event) => read(event.currentTarget)}
        onChange={(event) => read(event.currentTarget)}
        onBlur={(event) => read(event.currentTarget)}
        // Typing an impossible date fires neither `input` nor `change` (the value stays empty).
        onKeyUp={(event) => read(event.currentTarget)}
      />
      <FieldErrorText id={id} error={shown} />
    </div>
  );
}
