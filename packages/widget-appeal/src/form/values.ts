/** What the citizen types into the appeal form, and an empty form. */
import type { AppealType } from '@otklik/client';

export type Person = { surname: string; firstName: string; patronymic: string };
export type ApplicantField = 'surname' | 'firstName' | 'patronymic' | 'email' | 'postalAddress';
/** Error message by field path (`applicant.email`, `coAuthors.0.surname`, `code`, …). */
export type Errors = Record<string, string>;

export interface Values extends Person {
  email: string;
  postalAddress: string;
  type: AppealType | '';
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
