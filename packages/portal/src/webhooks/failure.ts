/**
 * The kind of a failed attempt, read from what the worker keeps (the status, or the error text):
 * the console puts it in the person's words and shows the text as the detail.
 */
import type { WebhookFailure } from '@otklik/client/schemas';
import { isAddressRefusal } from './address-guard.ts';

/** The error the worker keeps when the receiver did not answer within its time. */
export const TIMEOUT_ERROR = 'timeout';

/** `null` for a delivered attempt (no error), else what kind of failure it was. */
export function failureOf(status: number | null, error: string | null): WebhookFailure | null {
  if (error === null) return null;
  if (status !== null) return 'status';
  if (/\bECONNREFUSED\b/.test(error)) return 'refused';
  if (error === TIMEOUT_ERROR || /\bETIMEDOUT\b/.test(error)) return 'timeout';
  if (isAddressRefusal(error)) return 'address';
  if (/certificate|\bSSL\b|\bTLS\b|\bEPROTO\b|wrong version number|ERR_SSL_|\bCERT_/i.test(error))
    return 'tls';
  if (/\bECONNRESET\b|socket hang up|\bEPIPE\b/.test(error)) return 'reset';
  return 'network';
}
