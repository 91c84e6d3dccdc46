import { OtklikProblemError } from '@otklik/client';
import { LEFT_WITHOUT_ANSWER_REASONS, type LeftWithoutAnswerReason } from '@otklik/client/schemas';
import { useState } from 'preact/hooks';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { DateInput } from '../../kit/date-input.tsx';
import { Dialog } from '../../kit/dialog.tsx';
import { fieldIssueText, useRefusal } from '../../kit/errors.ts';
import type { FieldError } from '../../kit/field.tsx';
import { Select, TextArea, TextInput } from '../../kit/inputs.tsx';
import { kitMessages } from '../../kit/kit.messages.ts';
import { loadApi } from '../access-kit.tsx';
import { cardMessages } from './card.messages.ts';

type Field = 'to' | 'date' | 'reason' | 'note';
type Errors = Partial<Record<Field, FieldError>>;
/** The portal's refusals by the field they are about. */
const FIELD_OF: Record<string, Field> = {
  'body.forwardedTo': 'to',
  'body.extendedUntil': 'date',
  'body.reason': 'reason',
  'body.note': 'note',
  'body.text': 'note',
};

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
  const kit = useT(kitMessages);
  const refusal = useRefusal();
  const [to, setTo] = useState('');
  const [date, setDate] = useState<string | null>('');
  const [reason, setReason] = useState<LeftWithoutAnswerReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const close = () => {
    setTo('');
    setDate('');
    setReason('');
    setNote('');
    setErrors({});
    onClose();
  };
  /** What each move needs before it is sent: the addressee, the date and reason, the legal reason, the text. */
  const missing = (): Errors => {
    const required = kit.t('fieldRequired');
    const found: Errors = {};
    if (kind === 'forward' && !to.trim()) found.to = required;
    // `null`: the date field already says it is not a date.
    if (kind === 'extend' && date === '') found.date = required;
    if (kind === 'leave' && !reason) found.reason = required;
    if ((kind === 'extend' || kind === 'clarify') && !note.trim()) found.note = required;
    return found;
  };
  const confirm = async () => {
    const found = missing();
    setErrors(found);
    if (Object.keys(found).length > 0 || (kind === 'extend' && date === null)) {
      // The first field that needs attention gets the focus (its error is in its description).
      const first = ['to', 'date', 'reason', 'note'].find((f) => f in found);
      if (first) document.getElementById(`process-${first}`)?.focus();
      return;
    }
    const api = await loadApi();
    const text = note.trim() || undefined;
    setBusy(true);
    try {
      if (kind === 'forward')
        await api.changeStaffAppealStatus(appealId, { status: 'forwarded', forwardedTo: to, note: text });
      else if (kind === 'extend')
        await api.changeStaffAppealStatus(appealId, {
          status: 'extended',
          extendedUntil: date ?? '',
          note: note.trim(),
        });
      else if (kind === 'leave' && reason)
        await api.changeStaffAppealStatus(appealId, { status: 'left_without_answer', reason, note: text });
      else if (kind === 'clarify') await api.addStaffAppealMessage(appealId, { text: note });
      else return;
      toast(t('done'), 'success');
      close();
      onDone();
    } catch (error) {
      // A refusal about one field (the extension's date out of the legal range) is said at that field.
      const issues = error instanceof OtklikProblemError ? error.issues : [];
      const atFields: Errors = {};
      for (const issue of issues) {
        const field = FIELD_OF[issue.path];
        if (field) atFields[field] = fieldIssueText(kit, issue);
      }
      if (Object.keys(atFields).length > 0) setErrors(atFields);
      else toast(refusal(error), 'error');
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
            error={errors.to}
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
            error={errors.date}
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
            error={errors.reason}
            required
          />
        )}
        <TextArea
          id="process-note"
          label={kind === 'clarify' ? t('clarifyText') : kind === 'extend' ? t('extendReason') : t('note')}
          value={note}
          onValue={setNote}
          error={errors.note}
          required={kind === 'clarify' || kind === 'extend'}
          rows={4}
        />
      </div>
    </Dialog>
  );
}
