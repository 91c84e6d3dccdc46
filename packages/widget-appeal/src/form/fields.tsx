/** The appeal form's fields, each a labelled control with its hint and error. */
import type { AppealFormSettings, AppealType, Language } from '@otklik/client';
import type { T } from '../types.ts';
import { Field, Marker, valueOf } from '../ui.tsx';
import { appealLanguageOf, type Errors, PERSON, type Values } from './values.ts';

/** Sets one value and clears its error. */
export type SetValue = <K extends keyof Values>(name: K, value: Values[K]) => void;

interface FieldsProps {
  t: T;
  values: Values;
  errors: Errors;
  set: SetValue;
}

/** A text input for an applicant field; nothing when the profile hides it. */
export function TextField(p: {
  t: T;
  path: string;
  name: 'surname' | 'firstName' | 'patronymic' | 'email' | 'postalAddress';
  rule: string;
  error: string | undefined;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  input?: Record<string, unknown>;
}) {
  if (p.rule === 'hidden') return null;
  return (
    <Field
      path={p.path}
      label={p.t.t(p.name)}
      required={p.rule === 'required'}
      error={p.error}
      requiredLabel={p.t.t('required')}
      hint={p.hint}
      control={(aria) => (
        <input {...aria} {...p.input} value={p.value} onInput={(event) => p.onValue(valueOf(event))} />
      )}
    />
  );
}

/** Co-authors of a collective appeal: names, added and removed by the citizen. */
export function CoAuthors({
  t,
  values,
  errors,
  setValues,
}: Omit<FieldsProps, 'set'> & { setValues: (update: (before: Values) => Values) => void }) {
  const req = t.t('required');
  const setCoAuthor = (index: number, name: (typeof PERSON)[number], value: string) =>
    setValues((before) => ({
      ...before,
      coAuthors: before.coAuthors.map((person, i) => (i === index ? { ...person, [name]: value } : person)),
    }));
  return (
    <fieldset>
      <legend>{t.t('coAuthors')}</legend>
      {values.coAuthors.map((person, i) => (
        <fieldset key={i}>
          <legend>{t.t('coAuthor', { n: i + 1 })}</legend>
          {PERSON.map((name) => {
            const path = `coAuthors.${i}.${name}`;
            return (
              <Field
                key={name}
                path={path}
                label={t.t(name)}
                required={name !== 'patronymic'}
                error={errors[path]}
                requiredLabel={req}
                control={(aria) => (
                  <input
                    {...aria}
                    value={person[name]}
                    onInput={(event) => setCoAuthor(i, name, valueOf(event))}
                  />
                )}
              />
            );
          })}
          <div class="row">
            <button
              type="button"
              onClick={() => setValues((v) => ({ ...v, coAuthors: v.coAuthors.filter((_, j) => j !== i) }))}
            >
              {t.t('removeCoAuthor', { n: i + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      <div class="row">
        <button
          type="button"
          onClick={() =>
            setValues((v) => ({
              ...v,
              coAuthors: [...v.coAuthors, { surname: '', firstName: '', patronymic: '' }],
            }))
          }
        >
          {t.t('addCoAuthor')}
        </button>
      </div>
    </fieldset>
  );
}

/** The appeal's type (complaint, proposal, …) as a radio group. */
export function TypeChoice({ t, values, errors, set, types }: FieldsProps & { types: AppealType[] }) {
  return (
    <fieldset aria-describedby={errors.type ? 'f-type-error' : undefined}>
      <legend>
        {t.t('type')}
        <Marker label={t.t('required')} />
      </legend>
      {types.map((type, i) => (
        <label class="choice" key={type}>
          <input
            type="radio"
            name="type"
            value={type}
            id={i ? undefined : 'f-type'}
            required
            checked={values.type === type}
            aria-invalid={errors.type ? 'true' : undefined}
            onChange={() => set('type', type)}
          />
          {t.t(type)}
        </label>
      ))}
      {errors.type && (
        <p id="f-type-error" class="error">
          {errors.type}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The language of the appeal, which is not the page's: the organisation takes appeals only in its own
 * languages. One language: said plainly, so an English page does not suggest writing in English.
 * Several: the applicant chooses.
 */
export function AppealLanguage({
  t,
  values,
  set,
  languages,
  lang,
}: Omit<FieldsProps, 'errors'> & { languages: Language[]; lang: Language }) {
  const current = appealLanguageOf(values, languages, lang);
  const name = (l: Language) => t.t(`lang_${l}`);
  if (languages.length === 1) {
    return current === lang ? null : (
      <p class="hint" id="f-language">
        {t.t('languageOnly', { language: name(current) })}
      </p>
    );
  }
  return (
    <fieldset>
      <legend>{t.t('language')}</legend>
      {languages.map((l, i) => (
        <label class="choice" key={l}>
          <input
            type="radio"
            name="language"
            value={l}
            id={i ? undefined : 'f-language'}
            checked={current === l}
            onChange={() => set('language', l)}
          />
          {name(l)}
        </label>
      ))}
    </fieldset>
  );
}

/** The organisation's topics, optional. */
export function Topic({
  t,
  values,
  errors,
  set,
  topics,
}: FieldsProps & { topics: AppealFormSettings['topics'] }) {
  return (
    <Field
      path="topicId"
      label={t.t('topic')}
      error={errors.topicId}
      requiredLabel={t.t('required')}
      control={(aria) => (
        <select {...aria} value={values.topicId} onChange={(event) => set('topicId', valueOf(event))}>
          <option value="">{t.t('topicNone')}</option>
          {topics.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The appeal's text with the characters left. */
export function AppealText({ t, values, errors, set, max }: FieldsProps & { max: number }) {
  const left = max - values.text.length;
  return (
    <Field
      path="text"
      label={t.t('text')}
      required
      error={errors.text}
      requiredLabel={t.t('required')}
      hint={
        <span class="count">
          {left >= 0 ? t.t('left', { count: left, max }) : t.t('over', { count: -left, max })}
        </span>
      }
      control={(aria) => (
        <textarea {...aria} value={values.text} onInput={(event) => set('text', valueOf(event))} />
      )}
    />
  );
}

/** Consent to the processing of personal data, with a link to the document. */
export function Consent({
  t,
  values,
  errors,
  set,
  consent,
}: FieldsProps & { consent: AppealFormSettings['consent'] }) {
  return (
    <div class="field">
      <label class="choice">
        <input
          type="checkbox"
          id="f-consent"
          required
          checked={values.consent}
          aria-invalid={errors.consent ? 'true' : undefined}
          aria-describedby={errors.consent ? 'f-consent-error' : undefined}
          onChange={(event) => set('consent', (event.currentTarget as HTMLInputElement).checked)}
        />
        <span>
          {t.t('consent')}{' '}
          <a href={consent.documentUrl} target="_blank" rel="noopener noreferrer">
            {consent.title}
            <span class="sr"> {t.t('newTab')}</span>
          </a>
          <Marker label={t.t('required')} />
        </span>
      </label>
      {errors.consent && (
        <p id="f-consent-error" class="error">
          {errors.consent}
        </p>
      )}
    </div>
  );
}

/** A field people do not see and bots fill in. */
export function Honeypot({ t, values, set }: Omit<FieldsProps, 'errors'>) {
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">{t.t('website')}</label>
      <input
        id="f-website"
        name="website"
        tabIndex={-1}
        autocomplete="off"
        value={values.website}
        onInput={(event) => set('website', valueOf(event))}
      />
    </div>
  );
}
