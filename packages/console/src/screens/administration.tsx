import type { OrganizationImportResult, SphereList } from '@otklik/client/schemas';
import { AdministratorInvitationInput, OrganizationId, StaffEmail } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import * as v from 'valibot';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { CsvFileField } from '../kit/csv-file.tsx';
import { DataList } from '../kit/data-list.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { useIdFromName } from '../kit/id-from-name.ts';
import { Checkbox, Select, TextArea, TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { uniqueSlug } from '../kit/slug.ts';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { BELARUSIAN_ZONES, RUSSIAN_ZONES, TimeZoneSelect } from '../kit/time-zone.tsx';
import { paths } from '../routes.ts';
import { serverSession } from '../session.ts';
import { loadApi, SignedIn } from './access-kit.tsx';
import { administrationMessages } from './administration.messages.ts';
import { ImportClassifier } from './classifier-import.tsx';
import { SphereChoice } from './sphere-choice.tsx';

const blankOr = <S extends v.GenericSchema<string, string>>(schema: S) => v.union([v.literal(''), schema]);

/** What the "new organisation" form holds (empty optional fields are sent as null). */
const NewOrganizationForm = v.object({
  id: OrganizationId,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
  country: v.picklist(['RU', 'BY']),
  jurisdiction: v.picklist(['ru-59fz', 'by-300z', 'generic']),
  parentId: blankOr(OrganizationId),
  sphere: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/)),
  category: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/)),
  timeZone: v.pipe(v.string(), v.minLength(1)),
  contactEmail: blankOr(StaffEmail),
  siteOrigin: blankOr(v.pipe(v.string(), v.regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/))),
});

const ImportForm = v.object({ csv: v.pipe(v.string(), v.minLength(1)), dryRun: v.boolean() });

/** The columns the portal reads from an import file, in the order it lists them, and whether required. */
const CSV_COLUMNS = [
  ['id', true],
  ['name', true],
  ['short_name', false],
  ['country', true],
  ['jurisdiction', true],
  ['parent_id', false],
  ['sphere', true],
  ['category', true],
  ['time_zone', true],
  ['contact_email', false],
  ['site_origin', false],
] as const;

/**
 * The portal administrator's screen: every organisation (and which have no administrator yet),
 * creating one, importing many from CSV with a dry run that lists each refused row, and inviting an
 * organisation's administrator.
 */
export default function Administration() {
  const { t } = useT(administrationMessages);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <>
            <a class="button button--secondary" href={paths.calendars}>
              {t('calendars')}
            </a>
            <a class="button button--secondary" href={paths.portalAuditLog}>
              {t('portalLog')}
            </a>
          </>
        }
      />
      <SignedIn>
        {() =>
          serverSession.value?.portalAdministrator ? (
            <AdministrationBody />
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

function AdministrationBody() {
  const { t } = useT(administrationMessages);
  const version = useSignal(0);
  const refresh = () => {
    version.value++;
  };
  const list = useLoad(
    async (signal) => (await loadApi()).listPortalOrganizations({ limit: 100 }, { signal }),
    [version.value],
  );
  // Spheres and kinds by name; until they come (or if they fail) the keys can still be typed.
  const spheres = useLoad(async (signal) => (await loadApi()).listSpheres({}, { signal }), []);
  // The forms choose among the organisations by name; while the list reloads they keep the last one.
  const known = useRef<readonly Choice[]>([]);
  if (list.state === 'ready') known.current = list.data.items;
  return (
    <>
      <section aria-labelledby="organizations-list">
        <h2 id="organizations-list">{t('listTitle')}</h2>
        <Loaded load={list}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title={t('emptyTitle')}>
                <p>{t('emptyText')}</p>
              </EmptyState>
            ) : (
              <>
                <p>{t('total', { count: page.total })}</p>
                <DataList
                  caption={t('listCaption')}
                  items={page.items}
                  rowKey={(o) => o.id}
                  columns={[
                    { id: 'name', header: t('colName'), cell: (o) => o.name },
                    { id: 'id', header: t('colId'), cell: (o) => <code>{o.id}</code> },
                    {
                      id: 'parent',
                      header: t('colParent'),
                      // The parent by its name, as the regional administrator knows it (its id if not listed).
                      cell: (o) =>
                        o.parentId === null
                          ? '—'
                          : (page.items.find((p) => p.id === o.parentId)?.name ?? o.parentId),
                    },
                    {
                      id: 'admins',
                      header: t('colAdmins'),
                      cell: (o) =>
                        o.administrators === 0 ? <strong>{t('noAdmin')}</strong> : o.administrators,
                    },
                  ]}
                />
              </>
            )
          }
        </Loaded>
      </section>
      <CreateOrganization
        onCreated={refresh}
        organizations={known.current}
        spheres={spheres.state === 'ready' ? spheres.data.items : []}
      />
      <InviteAdministrator onInvited={refresh} organizations={known.current} />
      <ImportOrganizations onImported={refresh} />
      <ImportClassifier />
    </>
  );
}

/** An organisation to choose from in a form: the list's own rows, shown by name. */
interface Choice {
  id: string;
  name: string;
}
const byName = (organizations: readonly Choice[]) =>
  [...organizations]
    .sort((a, b) => a.name.localeCompare(b.name, language.value))
    .map((o) => ({ value: o.id, label: o.name }));

/** The legal profiles by what they are (the law), not by their ids. */
const JURISDICTIONS = ['ru-59fz', 'by-300z', 'generic'] as const;

function CreateOrganization({
  onCreated,
  organizations,
  spheres,
}: {
  onCreated: () => void;
  organizations: readonly Choice[];
  spheres: SphereList['items'];
}) {
  const { t } = useT(administrationMessages);
  const initial = {
    id: '',
    name: '',
    country: 'RU' as const,
    jurisdiction: 'ru-59fz' as const,
    parentId: '',
    sphere: 'education',
    category: 'school',
    timeZone: 'Europe/Moscow',
    contactEmail: '',
    siteOrigin: '',
  };
  const form = useForm({
    schema: NewOrganizationForm,
    initial,
    onSubmit: async (values) => {
      const created = await (await loadApi()).createPortalOrganization({
        ...values,
        parentId: values.parentId || null,
        contactEmail: values.contactEmail || null,
        siteOrigin: values.siteOrigin || null,
      });
      form.reset(initial);
      idFromName.forget();
      toast(t('created', { name: created.name }), 'success');
      onCreated();
    },
  });
  const countryField = form.field('country');
  const nameField = form.field('name');
  const idFromName = useIdFromName({
    setName: nameField.onValue,
    readId: () => form.values.value.id,
    writeId: (id) => form.set('id', id),
    make: (name) =>
      uniqueSlug(
        name,
        organizations.map((o) => o.id),
      ),
  });
  return (
    <section aria-labelledby="organization-create">
      <form
        class="form narrow"
        ref={form.ref}
        onSubmit={form.submit}
        noValidate
        aria-labelledby="organization-create"
      >
        <h2 id="organization-create">{t('createTitle')}</h2>
        <FormAlert error={form.formError} />
        <TextInput {...nameField} onValue={idFromName.onName} label={t('name')} required />
        <TextInput {...form.field('id')} label={t('id')} hint={t('idHint')} spellcheck={false} required />
        <Select
          {...countryField}
          onValue={(country) => {
            countryField.onValue(country);
            // The country's zone unless the one chosen is of that country already.
            const zones: readonly string[] = country === 'BY' ? BELARUSIAN_ZONES : RUSSIAN_ZONES;
            if (!zones.includes(form.values.value.timeZone))
              form.set('timeZone', zones[country === 'BY' ? 0 : 1] ?? '');
          }}
          label={t('country')}
          options={[
            { value: 'RU', label: t('countryRU') },
            { value: 'BY', label: t('countryBY') },
          ]}
          required
        />
        <Select
          {...form.field('jurisdiction')}
          label={t('jurisdiction')}
          options={JURISDICTIONS.map((id) => ({ value: id, label: t(`jurisdiction.${id}`) }))}
          required
        />
        <Select
          {...form.field('parentId')}
          label={t('parentId')}
          hint={t('parentHint')}
          placeholder={t('parentNone')}
          options={byName(organizations)}
        />
        <SphereChoice spheres={spheres} sphere={form.field('sphere')} category={form.field('category')} />
        <TimeZoneSelect
          {...form.field('timeZone')}
          label={t('timeZone')}
          country={form.values.value.country || undefined}
          required
        />
        <TextInput {...form.field('contactEmail')} label={t('contactEmail')} type="email" />
        <TextInput
          {...form.field('siteOrigin')}
          label={t('siteOrigin')}
          hint={t('siteOriginHint')}
          type="url"
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
            {t('create')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function InviteAdministrator({
  onInvited,
  organizations,
}: {
  onInvited: () => void;
  organizations: readonly Choice[];
}) {
  const { t } = useT(administrationMessages);
  const schema = v.object({ organizationId: OrganizationId, ...AdministratorInvitationInput.entries });
  const initial = { organizationId: '', email: '', language: language.value };
  const form = useForm({
    schema,
    initial,
    onSubmit: async ({ organizationId, email }) => {
      await (await loadApi()).invitePortalOrganizationAdministrator(organizationId, {
        email,
        language: language.value,
      });
      form.reset(initial);
      toast(t('invited', { email }), 'success');
      onInvited();
    },
  });
  return (
    <section aria-labelledby="administrator-invite">
      <form
        class="form narrow"
        ref={form.ref}
        onSubmit={form.submit}
        noValidate
        aria-labelledby="administrator-invite"
      >
        <h2 id="administrator-invite">{t('inviteTitle')}</h2>
        <p>{t('inviteText')}</p>
        <FormAlert error={form.formError} />
        <Select
          {...form.field('organizationId')}
          label={t('inviteOrganization')}
          placeholder={t('inviteOrganizationChoose')}
          options={byName(organizations)}
          required
        />
        <TextInput
          {...form.field('email')}
          label={t('inviteEmail')}
          type="email"
          autoComplete="off"
          required
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
            {t('invite')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ImportOrganizations({ onImported }: { onImported: () => void }) {
  const { t } = useT(administrationMessages);
  const result = useSignal<OrganizationImportResult | null>(null);
  const initial = { csv: '', dryRun: true };
  const form = useForm({
    schema: ImportForm,
    initial,
    onSubmit: async (values) => {
      const outcome = await (await loadApi()).importPortalOrganizations(values);
      result.value = outcome;
      if (!outcome.dryRun && outcome.created > 0) {
        toast(t('imported', { count: outcome.created }), 'success');
        onImported();
      }
    },
  });
  const outcome = result.value;
  return (
    <section aria-labelledby="organizations-import">
      <form
        class="form narrow"
        ref={form.ref}
        onSubmit={form.submit}
        noValidate
        aria-labelledby="organizations-import"
      >
        <h2 id="organizations-import">{t('importTitle')}</h2>
        <p>{t('importText')}</p>
        <h3 id="organizations-import-columns">{t('importColumns')}</h3>
        <dl class="csv-columns">
          {CSV_COLUMNS.map(([column, required]) => (
            <div key={column}>
              <dt>
                <code lang="en">{column}</code>
              </dt>
              <dd>
                {t(`csv.${column}`)}
                {required && ` (${t('required')})`}
              </dd>
            </div>
          ))}
        </dl>
        <FormAlert error={form.formError} />
        <CsvFileField id="import-file" label={t('importFile')} onText={(text) => form.set('csv', text)} />
        <TextArea {...form.field('csv')} label={t('importCsv')} rows={6} spellcheck={false} required />
        <Checkbox {...form.field('dryRun')} label={t('dryRun')} hint={t('dryRunHint')} />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('checking')}>
            {form.values.value.dryRun ? t('check') : t('import')}
          </Button>
        </div>
      </form>
      {outcome && (
        <div role="status">
          <p>
            {outcome.dryRun
              ? t('dryRunResult', { rows: outcome.rows, refused: outcome.refused.length })
              : t('importResult', { created: outcome.created, refused: outcome.refused.length })}
          </p>
          {outcome.refused.length > 0 && (
            <DataList
              caption={t('refusedCaption')}
              items={outcome.refused}
              rowKey={(r) => String(r.line)}
              columns={[
                { id: 'line', header: t('colLine'), cell: (r) => r.line },
                { id: 'id', header: t('colId'), cell: (r) => r.id ?? '—' },
                {
                  id: 'reasons',
                  header: t('colReasons'),
                  cell: (r) => (
                    <ul>
                      {r.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </div>
      )}
    </section>
  );
}
