import { LEFT_WITHOUT_ANSWER_REASONS, type LeftWithoutAnswerReason } from '@otklik/client/schemas';
import { useState } from 'preact/hooks';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { DateInput } from '../../kit/date-input.tsx';
import { Dialog } from '../../kit/dialog.tsx';
import { serverDetail } from '../../kit/errors.ts';
import { Select, TextArea, TextInput } from '../../kit/inputs.tsx';
import { loadApi } from '../access-kit.tsx';
import { cardMessages } from './card.messages.ts';

/** The moves that take a dialog: forward (addressee), extend (date, reason), leave (legal reason), clarify. */
export type ProcessKind = 'forward' | 'extend' | 'leave' | 'clarify';

/**
 * One dialog per move, through the existing status and message calls: the applicant is notified by
 * the portal (forwarding, extension and leaving with their notice; a clarification as a message).
 */
export function ProcessDialog({
  appealId,
  kind,
  onClose,
  onDone,
}: {
  appealId: string;
  kind: ProcessKind | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useT(cardMessages);
  const [to, setTo] = useState('');
  const [date, setDate] = useState<string | null>('');
  const [reason, setReason] = useState<LeftWithoutAnswerReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setTo('');
    setDate('');
    setReason('');
    setNote('');
    onClose();
  };
  const confirm = async () => {
    const api = await loadApi();
    const text = note.trim() || undefined;
    setBusy(true);
    try {
      if (kind === 'forward')
        await api.changeStaffAppealStatus(appealId, { status: 'forwarded', forwardedTo: to, note: text });
      else if (kind === 'extend' && date)
        await api.changeStaffAppealStatus(appealId, { status: 'extended', extendedUntil: date, note: text });
      else if (kind === 'leave' && reason)
        await api.changeStaffAppealStatus(appealId, { status: 'left_without_answer', reason, note: text });
      else if (kind === 'clarify') await api.addStaffAppealMessage(appealId, { text: note });
      else return;
      toast(t('done'), 'success');
      close();
      onDone();
    } catch (error) {
      toast(serverDetail(error) ?? t('failed'), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={kind !== null}
      title={kind ? t(kind) : ''}
      onClose={close}
      actions={
        <>
          <Button variant="secondary" onClick={close}>
            {t('cancel')}
          </Button>
          <Button busy={busy} onClick={() => void confirm()}>
            {t('confirm')}
          </Button>
        </>
      }
    >
      <div class="form">
        {kind === 'forward' && (
          <TextInput
            id="process-to"
            label={t('forwardTo')}
            value={to}
            onValue={setTo}
            required
            data-autofocus=""
          />
        )}
        {kind === 'extend' && (
          <DateInput
            id="process-date"
            label={t('extendUntil')}
            value={date ?? ''}
            onValue={setDate}
            required
          />
        )}
        {kind === 'leave' && (
          <Select
            id="process-reason"
            label={t('leaveReason')}
            value={reason}
            onValue={setReason}
            options={LEFT_WITHOUT_ANSWER_REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            placeholder="—"
            required
          />
        )}
        <TextArea
          id="process-note"
          label={kind === 'clarify' ? t('clarifyText') : kind === 'extend' ? t('extendReason') : t('note')}
          value={note}
          onValue={setNote}
          required={kind === 'clarify' || kind === 'extend'}
          rows={4}
        />
      </div>
    </Dialog>
  );
}
