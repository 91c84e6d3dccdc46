import { useState } from 'preact/hooks';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { DateInput } from '../../kit/date-input.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { Select } from '../../kit/inputs.tsx';
import { loadApi } from '../access-kit.tsx';
import { cardMessages } from './card.messages.ts';
import type { CardPartProps } from './card-data.ts';

/**
 * Assigning the executor (and an internal due date) on the card. An assignment names someone: the
 * empty choice is offered only while nobody (who may be chosen) is assigned, and it says so ("Not
 * assigned"); sending it says to choose, at the field.
 */
export function AssignForm({ appeal, card, onCard }: CardPartProps) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  // The executor in place, if they may still be chosen (one who lost the role is not among the choices).
  const current = card.executors.find((e) => e.personId === card.executor?.personId)?.personId ?? '';
  const [executorId, setExecutorId] = useState(current);
  const [internalDue, setInternalDue] = useState<string | null>(card.internalDueDate ?? '');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  if (card.executors.length === 0) return <p class="card-muted">{t('noExecutors')}</p>;
  return (
    <form
      class="form"
      aria-labelledby="card-assign"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!executorId) {
          setMissing(true);
          document.getElementById('card-executor')?.focus();
          return;
        }
        // `null`: the date field holds something that is not a date and says so.
        if (internalDue === null) return;
        setBusy(true);
        try {
          onCard(
            await (await loadApi()).assignStaffAppeal(appeal.appealId, {
              executorId,
              internalDueDate: internalDue || null,
            }),
          );
          toast(t('assigned'), 'success');
        } catch (error) {
          toast(refusal(error), 'error');
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="card-assign">{t('assignTitle')}</h3>
      <Select
        id="card-executor"
        label={t('executor')}
        required
        value={executorId}
        onValue={(value) => {
          setExecutorId(value);
          setMissing(false);
        }}
        options={card.executors.map((e) => ({ value: e.personId, label: e.name }))}
        error={missing ? t('chooseExecutor') : undefined}
        {...(current ? {} : { placeholder: t('notAssigned') })}
      />
      <DateInput
        id="card-internal-due"
        label={t('internalDue')}
        value={internalDue ?? ''}
        max={appeal.dueDate}
        onValue={setInternalDue}
      />
      <div class="form-actions">
        <Button type="submit" busy={busy}>
          {t('assign')}
        </Button>
      </div>
    </form>
  );
}
