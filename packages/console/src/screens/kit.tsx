import { OtklikNetworkError } from '@otklik/client';
import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { calendarDate } from '../i18n/format.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { DataList } from '../kit/data-list.tsx';
import { Dialog } from '../kit/dialog.tsx';
import { DueChip } from '../kit/due-chip.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { Checkbox, RadioGroup, Select, TextArea, TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, ErrorState, Skeleton } from '../kit/states.tsx';
import { TabPanel, Tabs } from '../kit/tabs.tsx';
import { useUnsavedChanges } from '../kit/unsaved.tsx';
import { timeZone } from '../session.ts';
import { kitPageMessages } from './kit.messages.ts';

/**
 * Every kit component in its states, on example data: for people building screens, and for the
 * browser checks (axe with real colours, the strict CSP, narrow layouts) of components no screen uses
 * yet. Reached by its address only (`/console/kit`); it calls nothing and stores nothing.
 */
export default function KitPage() {
  const { t } = useT(kitPageMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div class="kit-sections">
        <ButtonsSample />
        <FormSample />
        <ListSample />
        <StatesSample />
        <DialogSample />
      </div>
    </>
  );
}

function ButtonsSample() {
  const { t } = useT(kitPageMessages);
  return (
    <section aria-labelledby="kit-buttons">
      <h2 id="kit-buttons">{t('buttons')}</h2>
      <div class="form-actions">
        <Button>{t('primary')}</Button>
        <Button variant="secondary">{t('secondary')}</Button>
        <Button variant="danger">{t('danger')}</Button>
        <Button busy busyLabel={t('busy')}>
          {t('primary')}
        </Button>
      </div>
    </section>
  );
}

const TIME_ZONES = ['Europe/Moscow', 'Europe/Minsk'] as const;
const TYPES = ['proposal', 'statement', 'complaint'] as const;

const Sample = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  email: v.pipe(v.string(), v.trim(), v.email()),
  timeZone: v.picklist(TIME_ZONES),
  about: v.pipe(v.string(), v.maxLength(500)),
  type: v.picklist(TYPES),
  publish: v.pipe(v.boolean(), v.value(true)),
});

function FormSample() {
  const { t } = useT(kitPageMessages);
  const form = useForm({
    schema: Sample,
    initial: { name: '', email: '', timeZone: '', about: '', type: '', publish: false },
    onSubmit: () => toast(t('checked'), 'success'),
    describe: (_issue, path) => (path === 'publish' ? t('publishRequired') : undefined),
  });
  useUnsavedChanges(form.dirty);
  return (
    <section aria-labelledby="kit-form">
      <h2 id="kit-form">{t('form')}</h2>
      <form class="form" ref={form.ref} onSubmit={form.submit} noValidate aria-labelledby="kit-form">
        <FormAlert error={form.formError} />
        <TextInput {...form.field('name')} label={t('name')} hint={t('nameHint')} required />
        <TextInput {...form.field('email')} label={t('email')} type="email" autoComplete="email" required />
        <Select
          {...form.field('timeZone')}
          label={t('timeZone')}
          placeholder={t('notChosen')}
          options={[
            { value: 'Europe/Moscow', label: t('moscow') },
            { value: 'Europe/Minsk', label: t('minsk') },
          ]}
          required
        />
        <TextArea {...form.field('about')} label={t('about')} rows={3} />
        <RadioGroup
          {...form.field('type')}
          name="kit-type"
          label={t('type')}
          options={TYPES.map((type) => ({ value: type, label: t(type) }))}
          required
        />
        <Checkbox {...form.field('publish')} label={t('publish')} required />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value}>
            {t('check')}
          </Button>
        </div>
      </form>
    </section>
  );
}

interface SampleAppeal {
  id: string;
  number: string;
  applicant: string;
  topic: string;
  /** Days from today to the due date. */
  days: number;
}

const APPEALS: SampleAppeal[] = [
  { id: '1', number: 'ШК-2027-0012', applicant: 'Иванова А. П.', topic: 'Питание', days: -2 },
  { id: '2', number: 'ШК-2027-0015', applicant: 'Петров И. С.', topic: 'Расписание', days: 0 },
  { id: '3', number: 'ШК-2027-0016', applicant: 'Коваль А. М.', topic: 'Ремонт', days: 3 },
  { id: '4', number: 'ШК-2027-0019', applicant: 'Сидорова Е. В.', topic: 'Кружки', days: 21 },
];

type Filter = 'all' | 'overdue' | 'mine';

function ListSample() {
  const { t } = useT(kitPageMessages);
  const [filter, setFilter] = useState<Filter>('all');
  const today = calendarDate(new Date(), timeZone.value);
  const dueOf = (days: number) => {
    const date = new Date(`${today}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  };
  const items = filter === 'all' ? APPEALS : filter === 'overdue' ? APPEALS.filter((a) => a.days < 0) : [];
  return (
    <section aria-labelledby="kit-list">
      <h2 id="kit-list">{t('list')}</h2>
      <Tabs<Filter>
        label={t('filters')}
        idPrefix="kit-filters"
        selected={filter}
        onSelect={setFilter}
        tabs={[
          { id: 'all', label: t('all'), count: APPEALS.length },
          { id: 'overdue', label: t('overdue'), count: 1 },
          { id: 'mine', label: t('mine'), count: 0 },
        ]}
      />
      <TabPanel idPrefix="kit-filters" selected={filter}>
        <DataList
          caption={t('caption')}
          items={items}
          primary={{ id: 'number', header: t('number'), cell: (a) => a.number }}
          columns={[
            { id: 'applicant', header: t('applicant'), cell: (a) => <span lang="ru">{a.applicant}</span> },
            { id: 'topic', header: t('topic'), cell: (a) => <span lang="ru">{a.topic}</span> },
            { id: 'due', header: t('due'), cell: (a) => <DueChip due={dueOf(a.days)} today={today} /> },
          ]}
          rowKey={(a) => a.id}
          rowHref={(a) => `/console/kit?appeal=${a.id}`}
          empty={
            <EmptyState title={t('emptyTitle')}>
              <p>{t('emptyText')}</p>
            </EmptyState>
          }
        />
      </TabPanel>
    </section>
  );
}

function StatesSample() {
  const { t } = useT(kitPageMessages);
  return (
    <section aria-labelledby="kit-states">
      <h2 id="kit-states">{t('states')}</h2>
      <Skeleton lines={3} />
      <ErrorState error={new OtklikNetworkError({ cause: null })} onRetry={() => toast(t('retried'))} />
    </section>
  );
}

function DialogSample() {
  const { t } = useT(kitPageMessages);
  const [open, setOpen] = useState(false);
  const [executor, setExecutor] = useState('');
  return (
    <section aria-labelledby="kit-dialogs">
      <h2 id="kit-dialogs">{t('dialogs')}</h2>
      <div class="form-actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('openDialog')}
        </Button>
        <Button variant="secondary" onClick={() => toast(t('infoText'), 'info')}>
          {t('info')}
        </Button>
        <Button variant="secondary" onClick={() => toast(t('errorText'), 'error')}>
          {t('error')}
        </Button>
      </div>
      <Dialog
        open={open}
        title={t('dialogTitle')}
        onClose={() => setOpen(false)}
        actions={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
            <Button
              onClick={() => {
                setOpen(false);
                toast(t('assigned'), 'success');
              }}
            >
              {t('assign')}
            </Button>
          </>
        }
      >
        <p>{t('dialogText')}</p>
        <TextInput
          id="kit-executor"
          label={t('executor')}
          value={executor}
          onValue={setExecutor}
          data-autofocus=""
        />
      </Dialog>
    </section>
  );
}
