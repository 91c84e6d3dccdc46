/**
 * Sending the appeal: waits for the uploads and the proof of work, files it under one idempotency key
 * that retries after a network failure reuse, and turns the portal's refusals into field errors.
 */
import type {
  AppealFormSettings,
  AppealReceipt,
  fileAppealEndpoint,
  OtklikProblemError,
  PowSolution,
} from '@otklik/client';
import { fetchRoute, fileAppealRoute } from '@otklik/client';
import { type Language, type Portal, reportError, retryMinutes } from '@otklik/widget-core';
import type { Verified } from '@otklik/widget-core/identity';
import type { RefObject } from 'preact';
import { type MutableRef, useMemo, useRef, useState } from 'preact/hooks';
import type { AttachmentsHandle } from '../attachments.tsx';
import type { T } from '../types.ts';
import { idOf, kindOf } from '../ui.tsx';
import { toSubmission } from './to-submission.ts';
import { validate } from './validate.ts';
import type { Errors, Values } from './values.ts';

export type Phase = 'idle' | 'preparing' | 'sending' | 'offline' | 'failed';

export interface SubmissionOptions {
  t: T;
  settings: AppealFormSettings;
  lang: Language;
  host: HTMLElement;
  portal: Portal;
  organizationId: string;
  signal: AbortSignal;
  values: Values;
  verified: Verified | null;
  /** The identity step is required and not yet done. */
  unverified: boolean;
  files: MutableRef<AttachmentsHandle | null>;
  form: RefObject<HTMLFormElement>;
  showErrors: (found: Errors, general?: string) => void;
  onFiled: (receipt: AppealReceipt) => void;
}

export function useSubmission(o: SubmissionOptions) {
  const { t, portal, organizationId } = o;
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  /** The submission in flight or failed on the network: its key and proof of work are reused. */
  const pending = useRef<{ key: string; pow: PowSolution; attachmentIds: string[] } | null>(null);
  // Solving starts as the form opens; its code (and the solver) is a chunk of its own.
  const pow = useMemo(
    () =>
      import('@otklik/widget-core/proof-of-work').then(({ startProofOfWork }) =>
        startProofOfWork(portal, organizationId, o.signal, () => !!pending.current),
      ),
    [],
  );
  const busy = phase === 'preparing' || phase === 'sending';

  /** Field path of a portal issue (`body.applicant.email` → `applicant.email`), or undefined. */
  function fieldOf(path: string): string | undefined {
    const key = path.replace(/^body\./, '');
    if (key.startsWith('consent')) return 'consent';
    if (key.startsWith('identityToken')) return 'applicant.email';
    if (key === 'topicId' || key === 'type' || key === 'text') return key;
    if (/^(applicant\.\w+|coAuthors\.\d+\.\w+)$/.test(key) && o.form.current?.querySelector(`#${idOf(key)}`))
      return key;
    return undefined;
  }

  function messageFor(field: string): string {
    if (field === 'consent') return t.t('errConsent');
    if (field === 'applicant.email') return o.unverified ? t.t('errVerify') : t.t('errEmail');
    if (field === 'type') return t.t('errType');
    return t.t('errInvalid');
  }

  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy) return;
    const found = validate(t, o.settings, o.values, o.unverified);
    if (Object.keys(found).length) return o.showErrors(found);
    o.showErrors({});
    setMessage('');
    const signal = o.signal;
    try {
      if (!pending.current) {
        setPhase('preparing');
        // The appeal goes once every file is uploaded; a failed upload stops it with a clear message.
        let attachmentIds: string[];
        try {
          attachmentIds = (await o.files.current?.settled()) ?? [];
        } catch {
          setPhase('failed');
          return o.showErrors({}, t.t('errFiles'));
        }
        const proof = await (await pow).solution();
        // One key per submission, made when the citizen first presses send; retries reuse it.
        pending.current = { key: crypto.randomUUID(), pow: proof, attachmentIds };
      }
      setPhase('sending');
      const filed = await fetchRoute<typeof fileAppealEndpoint>(
        portal,
        fileAppealRoute,
        {
          params: { organizationId },
          body: toSubmission(
            o.values,
            o.settings,
            o.lang,
            o.verified,
            pending.current.pow,
            pending.current.attachmentIds,
          ),
          idempotencyKey: pending.current.key,
        },
        { signal, timeout: 20_000 },
      );
      pending.current = null;
      (await pow).drop();
      setPhase('idle');
      o.onFiled(filed);
    } catch (error) {
      if (signal.aborted) return;
      const kind = kindOf(error);
      if (kind === 'network' || kind === 'timeout') {
        setPhase('offline');
        setMessage(t.t(pending.current ? 'notSent' : 'networkError'));
        return;
      }
      // The portal refused: nothing was filed, so the next attempt is a new submission.
      pending.current = null;
      pow.then((p) => p.solve()).catch(() => {});
      setPhase('failed');
      const problem = error as OtklikProblemError;
      if (kind === 'problem' && problem.issues.length) {
        const found: Errors = {};
        for (const issue of problem.issues) {
          const field = fieldOf(issue.path);
          if (field) found[field] ??= messageFor(field);
        }
        if (Object.keys(found).length) return o.showErrors(found);
      }
      if (kind === 'problem' && problem.code === 'rate-limited')
        return setMessage(t.t('rateLimited', { count: retryMinutes(problem.retryAfter) }));
      // A refusal the citizen cannot fix in the form is not "try again later": trying again changes nothing.
      setMessage(t.t(kind === 'problem' && problem.status < 500 ? 'rejected' : 'failed'));
      reportError(o.host, 'appeal', error);
    }
  }

  /** The last attempt failed on the network: the button sends the same submission again. */
  const retry = phase === 'offline' && !!pending.current;
  return { phase, busy, message, retry, submit };
}
