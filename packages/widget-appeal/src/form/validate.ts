/** The checks the form makes before sending (the portal checks again). */
import type { AppealFormSettings } from '@otklik/client';
import type { T } from '../types.ts';
import { EMAIL } from '../ui.tsx';
import { APPLICANT, type Errors, type Values } from './values.ts';

export function validate(
  t: T,
  settings: AppealFormSettings,
  values: Values,
  /** The identity step is required and not yet done. */
  unverified: boolean,
): Errors {
  const { profile } = settings;
  const found: Errors = {};
  for (const name of APPLICANT) {
    const rule = profile.applicant[name];
    const value = values[name].trim();
    if (rule === 'hidden') continue;
    if (!value) {
      if (rule === 'required') found[`applicant.${name}`] = t.t('errRequired');
    } else if (name === 'email' && !EMAIL.test(value)) found['applicant.email'] = t.t('errEmail');
  }
  if (unverified && !found['applicant.email']) found['applicant.email'] = t.t('errVerify');
  if (!values.type) found.type = t.t('errType');
  if (!values.text.trim()) found.text = t.t('errRequired');
  else if (values.text.length > profile.textMaxLength)
    found.text = t.t('errTooLong', { max: profile.textMaxLength });
  values.coAuthors.forEach((person, i) => {
    for (const name of ['surname', 'firstName'] as const)
      if (!person[name].trim()) found[`coAuthors.${i}.${name}`] = t.t('errRequired');
  });
  if (!values.consent) found.consent = t.t('errConsent');
  return found;
}
