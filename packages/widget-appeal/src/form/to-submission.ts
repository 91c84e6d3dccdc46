/** The request body of a filed appeal, from the form's values. */
import type { AppealFormSettings, AppealSubmission, AppealType, PowSolution } from '@otklik/client';
import type { Language } from '@otklik/widget-core';
import type { Verified } from '@otklik/widget-core/identity';
import { pageUrl } from '../ui.tsx';
import { APPLICANT, appealLanguageOf, type Person, type Values } from './values.ts';

export function toSubmission(
  values: Values,
  settings: AppealFormSettings,
  lang: Language,
  verified: Verified | null,
  proofOfWork: PowSolution,
  attachmentIds: string[],
): AppealSubmission {
  const { profile } = settings;
  const applicant: AppealSubmission['applicant'] = { email: (verified?.email ?? values.email).trim() };
  for (const name of APPLICANT) {
    const value = values[name].trim();
    if (name !== 'email' && value && profile.applicant[name] !== 'hidden') applicant[name] = value;
  }
  const submission: AppealSubmission = {
    type: values.type as AppealType,
    language: appealLanguageOf(values, settings.languages, lang),
    applicant,
    text: values.text.trim(),
    consent: { version: settings.consent.version, accepted: true },
    proofOfWork,
    website: values.website,
  };
  if (values.topicId) submission.topicId = values.topicId;
  if (attachmentIds.length) submission.attachmentIds = attachmentIds;
  if (values.coAuthors.length)
    submission.coAuthors = values.coAuthors.map((person) => {
      const out: Person | Omit<Person, 'patronymic'> = {
        surname: person.surname.trim(),
        firstName: person.firstName.trim(),
      };
      return person.patronymic.trim() ? { ...out, patronymic: person.patronymic.trim() } : out;
    });
  if (verified) submission.identityToken = verified.token;
  const page = pageUrl();
  if (page) submission.pageUrl = page;
  return submission;
}
