import type { StaffMailPreferences } from '@otklik/client/schemas';
import { defineMessages } from '@otklik/widget-core';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { Checkbox } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { loadApi } from '../access-kit.tsx';

export const mailPreferencesMessages = defineMessages({
  ru: {
    title: 'Письма о работе с обращениями',
    newAppeal: 'Новое обращение (координаторам)',
    applicantWrote: 'Заявитель написал (исполнителю)',
    dueSoon: 'До срока ответа 3 дня',
    overdue: 'Срок ответа истёк',
    approvals:
      'Согласование ответа: отправлен на согласование (согласующим), возвращён или согласован (исполнителю)',
    dailyDigest: 'Одним письмом в день (сводка)',
    save: 'Сохранить',
    saved: 'Настройки писем сохранены',
    failed: 'Не удалось сохранить',
  },
  be: {
    title: 'Лісты пра працу са зваротамі',
    newAppeal: 'Новы зварот (каардынатарам)',
    applicantWrote: 'Заяўнік напісаў (выканаўцу)',
    dueSoon: 'Да тэрміну адказу 3 дні',
    overdue: 'Тэрмін адказу скончыўся',
    approvals:
      'Узгадненне адказу: адпраўлены на ўзгадненне (тым, хто ўзгадняе), вернуты або ўзгоднены (выканаўцу)',
    dailyDigest: 'Адным лістом у дзень (зводка)',
    save: 'Захаваць',
    saved: 'Налады лістоў захаваны',
    failed: 'Не ўдалося захаваць',
  },
  en: {
    title: 'Mail about appeals',
    newAppeal: 'A new appeal (coordinators)',
    applicantWrote: 'The applicant wrote (the executor)',
    dueSoon: 'Three days before the deadline',
    overdue: 'The deadline has passed',
    approvals: 'Approval of the answer: sent for approval (approvers), returned or approved (the executor)',
    dailyDigest: 'One mail a day (digest)',
    save: 'Save',
    saved: 'Mail settings saved',
    failed: 'Could not save',
  },
});

const KINDS = ['newAppeal', 'applicantWrote', 'dueSoon', 'overdue', 'approvals', 'dailyDigest'] as const;

/** The signed-in person's staff mail: which kinds, at once or as one daily digest. */
export function MailPreferences() {
  const { t } = useT(mailPreferencesMessages);
  const load = useLoad(async (signal) => (await loadApi()).getStaffMailPreferences({ signal }), []);
  return (
    <section class="panel" aria-labelledby="account-mail">
      <h2 id="account-mail">{t('title')}</h2>
      <Loaded load={load} lines={3}>
        {(initial) => <PreferencesForm initial={initial} />}
      </Loaded>
    </section>
  );
}

function PreferencesForm({ initial }: { initial: StaffMailPreferences }) {
  const { t } = useT(mailPreferencesMessages);
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal();
  useEffect(() => setValue(initial), [initial]);
  return (
    <form
      class="form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          setValue(await (await loadApi()).putStaffMailPreferences(value));
          toast(t('saved'), 'success');
        } catch (error) {
          // What went wrong and what to do (a stale page, no connection…), not only that it failed.
          toast(`${t('failed')}. ${refusal(error)}`, 'error');
        } finally {
          setBusy(false);
        }
      }}
    >
      {KINDS.map((kind) => (
        <Checkbox
          key={kind}
          id={`mail-${kind}`}
          label={t(kind)}
          value={value[kind]}
          onValue={(checked) => setValue({ ...value, [kind]: checked })}
        />
      ))}
      <div class="form-actions">
        <Button type="submit" busy={busy}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
