import type { CalendarDay, CalendarDayKind } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { formatDate } from '../i18n/format.ts';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { DataList } from '../kit/data-list.tsx';
import { useRefusal } from '../kit/errors.ts';
import { Select, TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { serverSession } from '../session.ts';
import { loadApi, SignedIn } from './access-kit.tsx';
import { calendarsMessages } from './calendars.messages.ts';

const COUNTRIES = ['RU', 'BY'] as const;
const KINDS = ['holiday', 'day_off', 'working'] as const;

/** The portal administrator's calendars of non-working days: a country's year, marking and clearing days. */
export default function Calendars() {
  const { t } = useT(calendarsMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>
        {() =>
          serverSession.value?.portalAdministrator ? (
            <CalendarBody />
          ) : (
            <EmptyState title={t('notAdminTitle')}>
              <p>{t('notAdminText')}</p>
            </EmptyState>
          )
        }
      </SignedIn>
    </>
  );
}

function CalendarBody() {
  const { t } = useT(calendarsMessages);
  const refusal = useRefusal();
  const thisYear = new Date().getFullYear();
  const country = useSignal<(typeof COUNTRIES)[number]>('RU');
  const year = useSignal(String(thisYear));
  const changed = useSignal(0);
  const date = useSignal('');
  const kind = useSignal<CalendarDayKind>('holiday');
  const note = useSignal('');
  const dateError = useSignal<string | undefined>(undefined);
  const busy = useSignal(false);
  const data = useLoad(
    async (signal) => (await loadApi()).getCalendarYear(country.value, year.value, { signal }),
    [country.value, year.value, changed.value],
  );
  const shown = (day: string) => formatDate(language.value, day, 'UTC');

  const save = async (event: Event) => {
    event.preventDefault();
    dateError.value = /^\d{4}-\d{2}-\d{2}$/.test(date.value) ? undefined : t('date');
    if (dateError.value) return;
    busy.value = true;
    try {
      const api = await loadApi();
      await api.putCalendarDay(country.value, date.value, { kind: kind.value, note: note.value });
      toast(t('saved', { date: shown(date.value) }), 'success');
      changed.value++;
    } catch (error) {
      dateError.value = t('failed', { detail: refusal(error) });
    } finally {
      busy.value = false;
    }
  };

  const remove = async (day: CalendarDay) => {
    const api = await loadApi();
    try {
      await api.deleteCalendarDay(country.value, day.date);
      toast(t('removed', { date: shown(day.date) }), 'success');
      changed.value++;
    } catch (error) {
      toast(t('failed', { detail: refusal(error) }), 'error');
    }
  };

  return (
    <>
      <div>
        <Select
          id="calendar-country"
          label={t('country')}
          value={country.value}
          options={COUNTRIES.map((value) => ({ value, label: t(value) }))}
          onValue={(value) => {
            country.value = value;
          }}
        />
        <Select
          id="calendar-year"
          label={t('year')}
          value={year.value}
          options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
            value: String(y),
            label: String(y),
          }))}
          onValue={(value) => {
            year.value = value;
          }}
        />
      </div>
      <Loaded load={data}>
        {(calendar) => (
          <>
            <p>{t('workingDays', { count: calendar.workingDays })}</p>
            {calendar.days.length === 0 ? (
              <EmptyState title={t('emptyTitle')}>
                <p>{t('emptyText')}</p>
              </EmptyState>
            ) : (
              <DataList<CalendarDay>
                caption={t('caption')}
                items={calendar.days}
                rowKey={(d) => d.date}
                columns={[
                  {
                    id: 'date',
                    header: t('colDate'),
                    cell: (d) => <time dateTime={d.date}>{shown(d.date)}</time>,
                  },
                  { id: 'kind', header: t('colKind'), cell: (d) => t(d.kind) },
                  { id: 'note', header: t('colNote'), cell: (d) => d.note || '—' },
                  {
                    id: 'action',
                    header: t('colAction'),
                    cell: (d) => (
                      <Button variant="secondary" onClick={() => remove(d)}>
                        {t('removeShort')}
                        <span class="visually-hidden"> {shown(d.date)}</span>
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Loaded>
      <form class="panel" onSubmit={save} aria-labelledby="calendar-form-title" noValidate>
        <h2 id="calendar-form-title">{t('formTitle')}</h2>
        <TextInput
          id="calendar-date"
          label={t('date')}
          value={date.value}
          error={dateError.value}
          required
          inputMode="numeric"
          onValue={(value) => {
            date.value = value.trim();
          }}
        />
        <Select
          id="calendar-kind"
          label={t('colKind')}
          value={kind.value}
          options={KINDS.map((value) => ({ value, label: t(value) }))}
          onValue={(value) => {
            kind.value = value;
          }}
        />
        <TextInput
          id="calendar-note"
          label={t('note')}
          value={note.value}
          maxLength={200}
          onValue={(value) => {
            note.value = value;
          }}
        />
        <div class="form-actions">
          <Button type="submit" busy={busy.value}>
            {t('save')}
          </Button>
        </div>
      </form>
    </>
  );
}
