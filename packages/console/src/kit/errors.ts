import { isOtklikError } from '@otklik/client';
import type { Translator } from '../i18n/translate.ts';
import type { kitMessages } from './kit.messages.ts';

type KitT = Translator<keyof (typeof kitMessages)['ru'] & string>;

/** What went wrong with a call to the portal, in the console's words (never a stack trace). */
export function errorText(t: KitT, error: unknown): string {
  if (!isOtklikError(error)) return t.t('errorUnexpected');
  switch (error.kind) {
    case 'network':
      return t.t('errorNetwork');
    case 'timeout':
      return t.t('errorTimeout');
    case 'problem':
      // A refusal says why in the person's words: a retry would not help, asking the administrator would.
      if (error.status === 401) return t.t('errorSignedOut');
      if (error.status === 403) return t.t('errorForbidden');
      return error.status >= 500 ? t.t('errorServer') : t.t('errorUnexpected');
    default:
      return t.t('errorUnexpected');
  }
}

/** The portal's own explanation of a refusal (English text from the server), if there is one. */
export function serverDetail(error: unknown): string | undefined {
  return isOtklikError(error) && error.kind === 'problem' && error.status < 500
    ? (error.problem.detail ?? error.problem.title)
    : undefined;
}
