/** What the citizen types into the appeal form, and an empty form. */
import type { AppealType, Language } from '@otklik/client';

export type Person = { surname: string; firstName: string; patronymic: string };
export type ApplicantField = 'surname' | 'firstName' | 'patronymic' | 'email' | 'postalAddress';
/** Error message by field path (`applicant.email`, `coAuthors.0.surname`, …). */
export type Errors = Record<string, string>;

export interface Values extends Person {
  email: string;
  postalAddress: string;
  type: AppealType | '';
  /** The language the appeal is written in: one the organisation takes, whatever the page's language. */
  language: Language | '';
  topicId: string;
  text: string;
  consent: boolean;
  website: string;
  coAuthors: Person[];
}

export const empty = (): Values => ({
  surname: '',
  firstName: '',
  patronymic: '',
  email: '',
  postalAddress: '',
  type: '',
  language: '',
  topicId: '',
  text: '',
  consent: false,
  website: '',
  coAuthors: [],
});

export const APPLICANT: readonly ApplicantField[] = [
  'surname',
  'firstName',
  'patronymic',
  'email',
  'postalAddress',
];
export const PERSON = ['surname', 'firstName', 'patronymic'] as const;

/** The appeal's language: the applicant's choice, else the page's if taken, else the first taken. */
export function appealLanguageOf(values: Values, taken: readonly Language[], lang: Language): Language {
  if (values.language && taken.includes(values.language)) return values.language;
  return taken.includes(lang) ? lang : (taken[0] as Language);
}
