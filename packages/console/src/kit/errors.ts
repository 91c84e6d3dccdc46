import { type FieldIssue, isOtklikError, PROBLEM_REASONS, type ProblemReason } from '@otklik/client';
import type { Translator } from '../i18n/translate.ts';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';
import { refusalsIn } from './refusals.ts';

type KitT = Translator<keyof (typeof kitMessages)['ru'] & string>;
type KitKey = keyof (typeof kitMessages)['ru'] & string;

/** Whether the console has words for `reason` (a portal newer than the console may send others). */
export const isKnownReason = (reason: unknown): reason is ProblemReason =>
  typeof reason === 'string' && Object.hasOwn(PROBLEM_REASONS, reason);

/** The console's words for a status the portal gave no known reason for. */
function statusKey(status: number): KitKey {
  if (status === 401) return 'errorSignedOut';
  if (status === 403) return 'errorForbidden';
  if (status >= 500) return 'errorServer';
  const byStatus: Partial<Record<number, KitKey>> = {
    404: 'errorNotFound',
    409: 'errorConflict',
    413: 'errorTooLarge',
    415: 'errorMediaType',
    422: 'errorInvalid',
    429: 'errorTooMany',
  };
  return byStatus[status] ?? 'errorBadRequest';
}

/**
 * What went wrong with a call to the portal, in the console's words: for a refusal, what happened and
 * what to do, by its reason, else by its status (never the portal's English text, never a stack trace).
 * Until the reader's refusal texts have loaded (they load with the app's start), the status's sentence.
 */
export function errorText(t: KitT, error: unknown): string {
  if (!isOtklikError(error)) return t.t('errorUnexpected');
  switch (error.kind) {
    case 'network':
      return t.t('errorNetwork');
    case 'timeout':
      return t.t('errorTimeout');
    case 'problem':
      return (
        (isKnownReason(error.problem.reason) && refusalsIn(t.lang)?.[error.problem.reason]) ||
        t.t(statusKey(error.status))
      );
    default:
      return t.t('errorUnexpected');
  }
}

/**
 * The text beside a field the portal refused: by the issue's reason (once the reader's refusal texts
 * are loaded), else the kind of check, else a generic one.
 */
export function fieldIssueText(t: KitT, issue: FieldIssue): string {
  const byReason = isKnownReason(issue.reason) ? refusalsIn(t.lang)?.[issue.reason] : undefined;
  if (byReason !== undefined) return byReason;
  const count = issue.limit ?? 0;
  switch (issue.kind) {
    case 'required':
      return t.t('fieldRequired');
    case 'too-short':
      return t.t('tooShort', { count });
    case 'too-long':
      return t.t('tooLong', { count });
    case 'too-small':
      return t.t('tooSmall', { count });
    case 'too-large':
      return t.t('tooLarge', { count });
    case 'format':
      return t.t('invalidFormat');
    case 'choice':
      return t.t('invalidChoice');
    case 'type':
      return t.t('invalidValue');
    default:
      return t.t('fieldCheck');
  }
}

/**
 * For a refusal the console has no words of its own for (no reason it knows), the portal's code, English
 * text and request id: shown folded away, for a support request. Nothing for a known reason.
 */
export function supportDetail(error: unknown): string | undefined {
  if (!isOtklikError(error) || error.kind !== 'problem' || isKnownReason(error.problem.reason))
    return undefined;
  if (error.status === 401 || error.status === 403) return undefined;
  const { code, detail, title, instance } = error.problem;
  return [code, detail ?? title, instance].filter(Boolean).join(' · ');
}

/** `errorText` with the kit's translator, for a screen's toast: `toast(refusal(error), 'error')`. */
export function useRefusal(): (error: unknown) => string {
  const t = useT(kitMessages);
  return (error) => errorText(t, error);
}
