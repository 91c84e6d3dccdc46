import { isOtklikError } from '@otklik/client';
import { type Signal, useSignal } from '@preact/signals';
import { type RefObject } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import * as v from 'valibot';
import { type Translator, useT } from '../i18n/translate.ts';
import { announce } from './announcer.tsx';
import { errorText, fieldIssueText, supportDetail } from './errors.ts';
import type { FieldError } from './field.tsx';
import { kitMessages } from './kit.messages.ts';

type KitT = Translator<keyof (typeof kitMessages)['ru'] & string>;
type Schema = v.GenericSchema | v.GenericSchemaAsync;

/**
 * What a form holds while it is being filled in: the schema's input, except that a text or choice field
 * may also be empty (`''`: a select or radio group with nothing chosen yet). The schema decides on
 * submit whether empty is allowed.
 */
export type Draft<T> = { [K in keyof T]: T[K] extends string ? T[K] | '' : T[K] };
type Values<S extends Schema> = Draft<v.InferInput<S>> & Record<string, unknown>;

/**
 * A refusal of the whole form (not of one field), in the console's words; for a refusal the console has
 * no words of its own for, the portal's text for a support request (`supportDetail`).
 */
export interface FormError {
  text: string;
  support?: string | undefined;
}

export interface FormOptions<S extends Schema> {
  /** The contract's schema for what is sent: the same rules the portal applies. */
  schema: S;
  initial: Draft<v.InferInput<S>>;
  /** Sends the parsed values; a rejection with the portal's `issues` puts them beside the fields. */
  onSubmit: (output: v.InferOutput<S>) => Promise<void> | void;
  /** A screen's own text for an issue (say, for a consent box); else the kit's text for its kind. */
  describe?: (issue: v.BaseIssue<unknown>, path: string) => string | undefined;
  /** A screen's own explanation of a failed `onSubmit`; else the portal's issues and the kit's words. */
  explain?: (error: unknown) => FormError | null;
}

/** The props a kit control takes from its form: `<TextInput label="…" {...form.field('name')} />`. */
export interface BoundField<V> {
  id: string;
  value: V;
  onValue: (value: V) => void;
  error: FieldError | undefined;
}

export interface Form<S extends Schema> {
  readonly values: Signal<Values<S>>;
  /** Field errors by dotted path (`name`, `contacts.email`), the console's or the portal's. */
  readonly errors: Signal<Readonly<Record<string, FieldError>>>;
  readonly formError: Signal<FormError | null>;
  readonly busy: Signal<boolean>;
  /** Whether the values differ from the last saved (or initial) ones: for the unsaved-changes guard. */
  readonly dirty: boolean;
  readonly ref: RefObject<HTMLFormElement>;
  field<K extends keyof v.InferInput<S> & string>(key: K): BoundField<Draft<v.InferInput<S>>[K]>;
  set<K extends keyof v.InferInput<S> & string>(key: K, value: Draft<v.InferInput<S>>[K]): void;
  /** The form element's submit handler (`<form onSubmit={form.submit} noValidate>`). */
  submit: (event?: Event) => Promise<void>;
  /** Takes `values` as the saved state (after a successful save, or to load a record). */
  reset: (values?: Draft<v.InferInput<S>>) => void;
}

const isEmpty = (input: unknown) =>
  input === undefined || input === null || input === '' || (Array.isArray(input) && input.length === 0);

/** The kit's text for a valibot issue, by the kind of check that failed. */
export function issueText(t: KitT, issue: v.BaseIssue<unknown>): string {
  const requirement = (issue as { requirement?: unknown }).requirement;
  const count = typeof requirement === 'number' ? requirement : 0;
  switch (issue.type) {
    case 'non_empty':
      return t.t('fieldRequired');
    case 'min_length':
      return isEmpty(issue.input) ? t.t('fieldRequired') : t.t('tooShort', { count });
    case 'max_length':
      return t.t('tooLong', { count });
    case 'email':
      return t.t('invalidEmail');
    case 'url':
      return t.t('invalidUrl');
    case 'regex':
      return t.t('invalidFormat');
    case 'picklist':
    case 'enum':
    case 'literal':
    case 'union':
    case 'variant':
      return isEmpty(issue.input) ? t.t('fieldRequired') : t.t('invalidChoice');
    default:
      return isEmpty(issue.input) ? t.t('fieldRequired') : t.t('invalidValue');
  }
}

/** The top-level key of a dotted path: errors under `contacts.email` belong to the `contacts` field. */
const keyOf = (path: string) => path.split('.')[0] ?? path;

/**
 * A form on a valibot schema. On submit it validates, and on failure shows each error beside its field
 * and moves the focus to the first one; valid values go to `onSubmit`. When the portal refuses them
 * (problem `issues` with paths like `body.name`), those appear beside the fields the same way; other
 * failures become a form error (render it with `<FormAlert>`), which then takes the focus.
 */
export function useForm<S extends Schema>(options: FormOptions<S>): Form<S> {
  const t = useT(kitMessages);
  const prefix = useId();
  const values = useSignal(options.initial as Values<S>);
  const saved = useSignal(JSON.stringify(options.initial));
  const errors = useSignal<Readonly<Record<string, FieldError>>>({});
  const formError = useSignal<FormError | null>(null);
  const busy = useSignal(false);
  const attempt = useSignal(0);
  const ref = useRef<HTMLFormElement>(null);
  const latest = useRef(options);
  latest.current = options;

  // After a refused submit, the first error (in the order of the page) takes the focus.
  useLayoutEffect(() => {
    if (attempt.value > 0 && ref.current) focusFirstError(ref.current);
  }, [attempt.value]);

  const set = (key: string, value: unknown) => {
    values.value = { ...values.value, [key]: value };
    if (Object.keys(errors.value).some((path) => keyOf(path) === key))
      errors.value = Object.fromEntries(Object.entries(errors.value).filter(([path]) => keyOf(path) !== key));
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy.value) return;
    const { schema, onSubmit, describe } = latest.current;
    formError.value = null;
    const result = await v.safeParseAsync(schema, values.value);
    if (!result.success) {
      const found: Record<string, FieldError> = {};
      for (const issue of result.issues) {
        const path = v.getDotPath(issue) ?? '';
        found[path] ??= describe?.(issue, path) ?? issueText(t, issue);
      }
      errors.value = found;
      announce(t.t('formInvalid', { count: Object.keys(found).length }));
      attempt.value++;
      return;
    }
    errors.value = {};
    busy.value = true;
    try {
      await onSubmit(result.output);
      saved.value = JSON.stringify(values.value);
    } catch (error) {
      const own = latest.current.explain?.(error);
      if (own) {
        formError.value = own;
        attempt.value++;
        return;
      }
      const { fields, rest } = serverIssues(t, error, Object.keys(values.value));
      errors.value = fields;
      if (Object.keys(fields).length === 0 || rest.length > 0) {
        const text = [...new Set([errorText(t, error), ...rest])].join(' ');
        formError.value = { text, support: supportDetail(error) };
      }
      attempt.value++;
    } finally {
      busy.value = false;
    }
  };

  return {
    values,
    errors,
    formError,
    busy,
    get dirty() {
      return JSON.stringify(values.value) !== saved.value;
    },
    ref,
    field: (key) => ({
      id: `${prefix}-${key}`,
      value: values.value[key] as never,
      onValue: (value) => set(key, value),
      error: errors.value[key] ?? Object.entries(errors.value).find(([path]) => keyOf(path) === key)?.[1],
    }),
    set: (key, value) => set(key, value),
    submit,
    reset: (next = values.value) => {
      values.value = next as Values<S>;
      saved.value = JSON.stringify(next);
      errors.value = {};
      formError.value = null;
    },
  };
}

/**
 * The portal's field issues that belong to this form's fields (paths `body.<field>…`, the prefix
 * dropped), in the console's words, and the words for the others.
 */
function serverIssues(
  t: KitT,
  error: unknown,
  keys: string[],
): { fields: Record<string, FieldError>; rest: string[] } {
  const fields: Record<string, FieldError> = {};
  const rest: string[] = [];
  if (!isOtklikError(error) || error.kind !== 'problem') return { fields, rest };
  for (const issue of error.issues) {
    const path = issue.path.replace(/^body\.?/, '');
    if (issue.path.startsWith('body.') && keys.includes(keyOf(path)))
      fields[path] ??= fieldIssueText(t, issue);
    else rest.push(fieldIssueText(t, issue));
  }
  return { fields, rest };
}

/** Focuses the first invalid control of `form` (a radio group: its checked or first radio), else its alert. */
function focusFirstError(form: HTMLFormElement): void {
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid) {
    const target =
      invalid instanceof HTMLFieldSetElement
        ? (invalid.querySelector<HTMLElement>('input:checked') ?? invalid.querySelector<HTMLElement>('input'))
        : invalid;
    target?.focus();
    return;
  }
  form.querySelector<HTMLElement>('.form-alert')?.focus();
}
