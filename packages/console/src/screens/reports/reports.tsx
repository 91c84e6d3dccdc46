import './reports.css';
import type { AppealReportOrganization, AppealReportTheme, StaffAppealReport } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { formatMonth } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { type Column, DataList } from '../../kit/data-list.tsx';
import { Checkbox } from '../../kit/inputs.tsx';
import { OrganizationName } from '../../kit/organization-name.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { paths } from '../../routes.ts';
import { session, timeZone } from '../../session.ts';
import { loadApi, SignedIn } from '../access-kit.tsx';
import { saveBlob } from './download.ts';
import { monthIn } from './month.ts';
import { reportsMessages } from './reports.messages.ts';

type Key = keyof (typeof reportsMessages)['ru'];

/** The ССТУ columns: message key and how a row's figure is read (the same order as the files). */
const COLUMNS: readonly [Key, (o: AppealReportOrganization) => number][] = [
  ['colReceived', (o) => o.figures.received],
  ['colProposal', (o) => o.figures.byType.proposal],
  ['colApplication', (o) => o.figures.byType.application],
  ['colComplaint', (o) => o.figures.byType.complaint],
  ['colConsidered', (o) => o.figures.considered.total],
  ['colSupported', (o) => o.figures.considered.supported],
  ['colMeasures', (o) => o.figures.considered.supportedMeasuresTaken],
  ['colNotSupported', (o) => o.figures.considered.notSupported],
  ['colExplained', (o) => o.figures.considered.explained],
  ['colForwarded', (o) => o.figures.forwarded],
  ['colExtended', (o) => o.extended],
  ['colLeft', (o) => o.figures.leftWithoutAnswer],
  ['colInProgress', (o) => o.figures.inProgress],
  ['colOverdue', (o) => o.figures.overdue],
];

/** This month as `YYYY-MM` on the organisation's clock, as the portal counts it. */
const thisMonth = () => monthIn(new Date(), timeZone.value);

/** The monthly report: a month, this organisation or its whole subtree, the ССТУ table, CSV and XLSX. */
export default function Reports() {
  const { t } = useT(reportsMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <ReportBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function ReportBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(reportsMessages);
  const month = useSignal(thisMonth());
  const draftMonth = useSignal(month.value);
  const subtree = useSignal(true);
  const busy = useSignal<'csv' | 'xlsx' | null>(null);
  /** Bumped by "Show": the figures are read again even for the same month. */
  const asked = useSignal(0);
  const query = () => ({ month: month.value, includeSubordinates: subtree.value });
  const report = useLoad(
    async (signal) => (await loadApi()).getStaffAppealReport(organizationId, query(), { signal }),
    [organizationId, month.value, subtree.value, asked.value],
  );

  const download = async (format: 'csv' | 'xlsx') => {
    busy.value = format;
    try {
      const api = await loadApi();
      const blob =
        format === 'csv'
          ? await api.exportStaffAppealReportCsv(organizationId, { ...query(), separator: 'semicolon' })
          : await api.exportStaffAppealReportXlsx(organizationId, query());
      const name = `appeal-report-${organizationId}-${month.value}.${format}`;
      saveBlob(blob, name);
      toast(t('downloaded', { name }), 'success');
    } catch {
      toast(t('downloadFailed'), 'error');
    } finally {
      busy.value = null;
    }
  };

  return (
    <>
      <form
        class="report-filters panel"
        onSubmit={(event) => {
          event.preventDefault();
          if (/^\d{4}-\d{2}$/.test(draftMonth.value)) month.value = draftMonth.value;
          asked.value++;
        }}
      >
        <div class="field">
          <label class="field-label" for="report-month">
            {t('month')}
          </label>
          <p class="field-hint" id="report-month-hint">
            {t('monthHint')}
          </p>
          <input
            id="report-month"
            class="field-control"
            type="month"
            aria-describedby="report-month-hint"
            value={draftMonth.value}
            max={thisMonth()}
            onInput={(event) => {
              draftMonth.value = event.currentTarget.value;
            }}
          />
        </div>
        <Checkbox
          id="report-subtree"
          label={t('subtree')}
          value={subtree.value}
          onValue={(checked) => {
            subtree.value = checked;
          }}
        />
        <div class="form-actions">
          <Button type="submit">{t('show')}</Button>
          <Button
            variant="secondary"
            busy={busy.value === 'csv'}
            busyLabel={t('preparing')}
            onClick={() => download('csv')}
          >
            {t('csv')}
          </Button>
          <Button
            variant="secondary"
            busy={busy.value === 'xlsx'}
            busyLabel={t('preparing')}
            onClick={() => download('xlsx')}
          >
            {t('xlsx')}
          </Button>
        </div>
      </form>
      <Loaded load={report} lines={6}>
        {(data) => <ReportTables report={data} />}
      </Loaded>
    </>
  );
}

function ReportTables({ report }: { report: StaffAppealReport }) {
  const { t, n } = useT(reportsMessages);
  const total: AppealReportOrganization = {
    organizationId: report.organizationId,
    name: t('total'),
    shortName: null,
    parentId: null,
    depth: 0,
    figures: report.total,
    extended: report.extended,
  };
  const rows =
    report.organizations.length > 1
      ? [...report.organizations, { ...total, organizationId: '' }]
      : report.organizations;
  const columns: Column<AppealReportOrganization>[] = [
    {
      id: 'organization',
      header: t('colOrganization'),
      cell: (o) =>
        o.organizationId === '' ? (
          <strong>{o.name}</strong>
        ) : (
          <span class={`report-org report-org--depth-${Math.min(o.depth, 3)}`}>
            <OrganizationName name={o.name} shortName={o.shortName} />
          </span>
        ),
    },
    ...COLUMNS.map(([key, figure]) => ({
      id: key,
      header: t(key),
      cell: (o: AppealReportOrganization) => (
        <span
          class={
            key === 'colOverdue' && figure(o) > 0 ? 'report-number report-number--alert' : 'report-number'
          }
        >
          {n(figure(o))}
        </span>
      ),
    })),
  ];
  const themeColumns: Column<AppealReportTheme>[] = [
    { id: 'code', header: t('colCode'), cell: (row) => (row.code === null ? '—' : <code>{row.code}</code>) },
    { id: 'title', header: t('colTheme'), cell: (row) => row.title ?? t('unclassified') },
    { id: 'received', header: t('colReceived'), cell: (row) => n(row.received) },
    { id: 'proposal', header: t('colProposal'), cell: (row) => n(row.byType.proposal) },
    { id: 'application', header: t('colApplication'), cell: (row) => n(row.byType.application) },
    { id: 'complaint', header: t('colComplaint'), cell: (row) => n(row.byType.complaint) },
  ];
  const unclassified = report.themes.find((row) => row.code === null)?.received ?? 0;
  const caption = t('caption', { month: formatMonth(language.value, report.month) });
  return (
    <>
      <p class="report-summary" role="status">
        {t('summary', {
          received: report.total.received,
          considered: report.total.considered.total,
          overdue: report.total.overdue,
        })}
      </p>
      <div class="report-table">
        <DataList<AppealReportOrganization>
          caption={caption}
          items={rows}
          rowKey={(o) => o.organizationId || 'total'}
          columns={columns}
        />
      </div>
      {unclassified > 0 && (
        <p class="report-unclassified">
          {t('unclassifiedNote', { count: unclassified })}{' '}
          {session.value?.roles.has('administrator') ? (
            <a href={paths.classifierCodes(report.organizationId)}>{t('mapTopics')}</a>
          ) : (
            t('askAdministrator')
          )}
        </p>
      )}
      {report.themes.length === 0 ? (
        <p>{t('noThemes')}</p>
      ) : (
        <DataList<AppealReportTheme>
          caption={t('themesCaption')}
          items={report.themes}
          rowKey={(row) => row.code ?? 'none'}
          columns={themeColumns}
        />
      )}
    </>
  );
}
