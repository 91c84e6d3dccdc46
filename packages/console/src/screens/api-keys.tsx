import { StaffApiKeyInput } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { DataList } from '../kit/data-list.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { session } from '../session.ts';
import { formatInstant, loadApi, SignedIn } from './access-kit.tsx';
import { apiKeysMessages } from './api-keys.messages.ts';

/** The organisation's API keys: create one (its key shown this once), revoke one. */
export default function ApiKeys() {
  const { t } = useT(apiKeysMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <KeysBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function KeysBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(apiKeysMessages);
  const version = useSignal(0);
  const created = useSignal<string | null>(null);
  const keys = useLoad(
    async (signal) => (await loadApi()).listStaffApiKeys(organizationId, { signal }),
    [organizationId, version.value],
  );
  const initial = { label: '' };
  const form = useForm({
    schema: StaffApiKeyInput,
    initial,
    onSubmit: async (values) => {
      const key = await (await loadApi()).createStaffApiKey(organizationId, values);
      created.value = key.key;
      form.reset(initial);
      version.value++;
    },
  });
  const revoke = async (keyId: string) => {
    await (await loadApi()).revokeStaffApiKey(organizationId, keyId);
    toast(t('revokedToast'), 'success');
    version.value++;
  };
  return (
    <>
      <Loaded load={keys}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('emptyTitle')}>
              <p>{t('emptyText')}</p>
            </EmptyState>
          ) : (
            <DataList
              caption={t('caption')}
              items={data.items}
              rowKey={(k) => k.id}
              columns={[
                { id: 'label', header: t('colLabel'), cell: (k) => k.label ?? '—' },
                {
                  id: 'created',
                  header: t('colCreated'),
                  cell: (k) => formatInstant(language.value, k.createdAt),
                },
                {
                  id: 'used',
                  header: t('colUsed'),
                  cell: (k) => formatInstant(language.value, k.lastUsedAt),
                },
                {
                  id: 'state',
                  header: t('colState'),
                  cell: (k) =>
                    k.revokedAt ? (
                      t('revoked')
                    ) : (
                      <Button variant="danger" onClick={() => void revoke(k.id)}>
                        {t('revoke')}
                        <span class="visually-hidden"> {k.label}</span>
                      </Button>
                    ),
                },
              ]}
            />
          )
        }
      </Loaded>
      <section aria-labelledby="key-create">
        <form
          class="form narrow"
          ref={form.ref}
          onSubmit={form.submit}
          noValidate
          aria-labelledby="key-create"
        >
          <h2 id="key-create">{t('createTitle')}</h2>
          <FormAlert error={form.formError} />
          <TextInput {...form.field('label')} label={t('label')} required />
          <div class="form-actions">
            <Button type="submit" busy={form.busy.value} busyLabel={t('creating')}>
              {t('create')}
            </Button>
          </div>
        </form>
        {created.value && (
          <div class="panel" role="status">
            <p>{t('shownOnce')}</p>
            <p>
              <label for="new-key">{t('newKey')}</label>
            </p>
            <input id="new-key" class="field-control" readOnly value={created.value} spellcheck={false} />
          </div>
        )}
      </section>
    </>
  );
}
