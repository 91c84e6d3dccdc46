import type { JSX } from 'preact';
import { describedBy, FieldErrorText, FieldHint, type FieldProps, LabelText } from './field.tsx';

/** A native element's attributes, less what the control sets itself (and `style`, which the CSP forbids). */
type Native<A> = Omit<
  A,
  | 'id'
  | 'class'
  | 'className'
  | 'style'
  | 'type'
  | 'value'
  | 'checked'
  | 'onInput'
  | 'onChange'
  | 'required'
  | 'label'
  | 'aria-describedby'
  | 'aria-invalid'
>;

/** The attributes that wire a control to its label, hint and error. */
function wiring(props: FieldProps) {
  return {
    id: props.id,
    required: props.required ?? false,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props),
  };
}

export interface TextInputProps extends FieldProps, Native<JSX.InputHTMLAttributes<HTMLInputElement>> {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'url' | 'tel' | 'search' | 'password' | 'number';
}

export function TextInput({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  type = 'text',
  ...rest
}: TextInputProps) {
  const field = { id, label, hint, error, required };
  return (
    <div class="field">
      <label for={id} class="field-label">
        <LabelText label={label} required={required} />
      </label>
      <FieldHint id={id} hint={hint} />
      <input
        {...rest}
        {...wiring(field)}
        type={type}
        class="field-control"
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

export interface TextAreaProps extends FieldProps, Native<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>> {
  value: string;
  onValue: (value: string) => void;
}

export function TextArea({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  rows = 5,
  ...rest
}: TextAreaProps) {
  const field = { id, label, hint, error, required };
  return (
    <div class="field">
      <label for={id} class="field-label">
        <LabelText label={label} required={required} />
      </label>
      <FieldHint id={id} hint={hint} />
      <textarea
        {...rest}
        {...wiring(field)}
        rows={rows}
        class="field-control"
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> extends FieldProps {
  value: V | '';
  onValue: (value: V) => void;
  options: readonly Option<V>[];
  /** A first, empty choice ("Not chosen"), for a field with no value yet. */
  placeholder?: string;
  name?: string;
  /** Takes the focus when the dialog around it opens (the kit's `data-autofocus`). */
  dialogFocus?: boolean;
}

export function Select<V extends string>({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  options,
  placeholder,
  name,
  dialogFocus,
}: SelectProps<V>) {
  const field = { id, label, hint, error, required };
  return (
    <div class="field">
      <label for={id} class="field-label">
        <LabelText label={label} required={required} />
      </label>
      <FieldHint id={id} hint={hint} />
      <select
        {...wiring(field)}
        name={name}
        class="field-control"
        data-autofocus={dialogFocus ? '' : undefined}
        value={value}
        onChange={(event) => onValue(event.currentTarget.value as V)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

export interface CheckboxProps extends FieldProps {
  /** Checked or not (`value`, like every control, so a form's `field()` props fit). */
  value: boolean;
  onValue: (checked: boolean) => void;
  name?: string;
}

export function Checkbox({ id, label, hint, error, required, value, onValue, name }: CheckboxProps) {
  const field = { id, label, hint, error, required };
  return (
    <div class="field field--check">
      <div class="check">
        <input
          {...wiring(field)}
          type="checkbox"
          name={name}
          class="check-control"
          checked={value}
          onChange={(event) => onValue(event.currentTarget.checked)}
        />
        <label for={id} class="check-label">
          <LabelText label={label} required={required} />
        </label>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldErrorText id={id} error={error} />
    </div>
  );
}

export interface RadioGroupProps<V extends string> extends FieldProps {
  /** The radios' shared `name`. */
  name: string;
  value: V | '';
  onValue: (value: V) => void;
  options: readonly Option<V>[];
}

/**
 * A set of radios in a `<fieldset>` whose `<legend>` is the label. The group (role `radiogroup`)
 * carries the invalid state and the description; its id is the first radio's, so an error's
 * focus and a "label for" both land on a radio. Arrows move between the radios natively.
 */
export function RadioGroup<V extends string>({
  id,
  label,
  hint,
  error,
  required,
  name,
  value,
  onValue,
  options,
}: RadioGroupProps<V>) {
  return (
    <fieldset
      class="field field--group"
      role="radiogroup"
      aria-required={required ? 'true' : undefined}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy({ id, hint, error })}
    >
      <legend class="field-label">
        <LabelText label={label} required={required} />
      </legend>
      <FieldHint id={id} hint={hint} />
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index}`;
        return (
          <div class="check" key={option.value}>
            <input
              id={optionId}
              type="radio"
              name={name}
              class="check-control"
              value={option.value}
              checked={value === option.value}
              onChange={() => onValue(option.value)}
            />
            <label for={optionId} class="check-label">
              {option.label}
            </label>
          </div>
        );
      })}
      <FieldErrorText id={id} error={error} />
    </fieldset>
  );
}
