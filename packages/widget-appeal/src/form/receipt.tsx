/** What the citizen sees once the appeal is filed: its number, due date and private tracking link. */
import type { AppealReceipt } from '@otklik/client';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../types.ts';
import { dateText } from '../ui.tsx';

export function Receipt({ t, receipt }: { t: T; receipt: AppealReceipt }) {
  const link =
    receipt.trackingUrl ??
    `${location.href.split('#')[0]}#otklik-appeal=${receipt.appealId}.${receipt.accessSecret}`;
  const [copy, setCopy] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => title.current?.focus(), []);
  const onCopy = () =>
    navigator.clipboard.writeText(link).then(
      () => setCopy(t.t('copied')),
      () => setCopy(t.t('copyFailed')),
    );
  return (
    <section class="box appeal ok" aria-labelledby="receipt-title">
      <h2 id="receipt-title" ref={title} tabIndex={-1}>
        {t.t('receiptTitle')}
      </h2>
      <dl>
        <dt>{t.t('receiptNumber')}</dt>
        <dd class="number">{receipt.registrationNumber}</dd>
        <dt>{t.t('receiptDue')}</dt>
        <dd class="due">{t.t('receiptDueText', { date: dateText(t.lang, receipt.dueDate) })}</dd>
      </dl>
      <p>{t.t('receiptNext')}</p>
      <div class="field">
        <label for="f-link">{t.t('receiptLink')}</label>
        <input
          id="f-link"
          readOnly
          value={link}
          aria-describedby="f-link-hint"
          onFocus={(e) => e.currentTarget.select()}
        />
        <p id="f-link-hint" class="hint">
          {t.t('receiptLinkHint')}
        </p>
      </div>
      <div class="row">
        <button type="button" onClick={onCopy}>
          {t.t('copy')}
        </button>
        <span role="status">{copy}</span>
      </div>
    </section>
  );
}
