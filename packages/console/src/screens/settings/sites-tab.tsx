import type { OriginCheckReport } from '@otklik/client/schemas';
import { OriginCheckBody } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { useT } from '../../i18n/translate.ts';
import { announce, toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { TextInput } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { settingsMessages } from './settings.messages.ts';
import { SiteOriginField } from './site-origin.ts';
import { client } from './staff-client.ts';

/** Allowed origins (add, remove) and the live check of a page of the site. */
export function SitesTab({ organizationId }: { organizationId: string }) {
  const load = useLoad(
    async (signal) => (await client().getOrganizationSettings(organizationId, { signal })).allowedOrigins,
    [organizationId],
  );
  return (
    <Loaded load={load}>{(origins) => <Sites organizationId={organizationId} initial={origins} />}</Loaded>
  );
}

function Sites({ organizationId, initial }: { organizationId: string; initial: string[] }) {
  const { t } = useT(settingsMessages);
  const origins = useSignal(initial);
  const removing = useSignal<string | null>(null);
  const add = useForm({
    schema: v.object({ origin: SiteOriginField }),
    initial: { origin: '' },
    // Not the kit's "check the value": what a site's address must look like.
    describe: (issue) => (issue.input === '' ? undefined : t('originInvalid')),
    onSubmit: async ({ origin }) => {
      origins.value = (await client().addAllowedOrigin(organizationId, { origin })).allowedOrigins;
      add.reset({ origin: '' });
      toast(t('saved'), 'success');
    },
  });
  const remove = async (origin: string) => {
    removing.value = origin;
    try {
      origins.value = (await client().removeAllowedOrigin(organizationId, origin)).allowedOrigins;
      announce(t('saved'));
    } finally {
      removing.value = null;
    }
  };
  return (
    <>
      <section class="settings-section" aria-labelledby="sites-origins">
        <h2 id="sites-origins">{t('originsTitle')}</h2>
        {origins.value.length === 0 ? (
          <p class="settings-muted">{t('noOrigins')}</p>
        ) : (
          <ul class="settings-list">
            {origins.value.map((origin) => (
              <li key={origin}>
                <span class="settings-item-text">{origin}</span>
                <Button variant="secondary" busy={removing.value === origin} onClick={() => remove(origin)}>
                  {t('removeOrigin', { origin })}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form class="form" ref={add.ref} onSubmit={add.submit} noValidate>
          <FormAlert error={add.formError} />
          <TextInput
            label={t('origin')}
            hint={t('originsHint')}
            type="url"
            autoComplete="off"
            {...add.field('origin')}
          />
          <div class="form-actions">
            <Button type="submit" busy={add.busy.value}>
              {t('addOrigin')}
            </Button>
          </div>
        </form>
      </section>
      <SiteCheck organizationId={organizationId} />
    </>
  );
}

function SiteCheck({ organizationId }: { organizationId: string }) {
  const { t } = useT(settingsMessages);
  const report = useSignal<OriginCheckReport | null>(null);
  const form = useForm({
    schema: OriginCheckBody,
    initial: { pageUrl: '' },
    onSubmit: async (body) => {
      report.value = null;
      const result = await client().checkSite(organizationId, body);
      report.value = result;
      announce(result.ready ? t('checkReady') : t('checkNotReady'));
    },
  });
  const result = report.value;
  return (
    <section class="settings-section" aria-labelledby="sites-check">
      <h2 id="sites-check">{t('checkTitle')}</h2>
      <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
        <FormAlert error={form.formError} />
        <TextInput
          label={t('pageUrl')}
          hint={t('checkHint')}
          type="url"
          autoComplete="off"
          {...form.field('pageUrl')}
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('checking')}>
            {t('check')}
          </Button>
        </div>
      </form>
      {result && (
        <div class="settings-check" aria-live="polite">
          <p>
            <strong>{result.ready ? t('checkReady') : t('checkNotReady')}</strong>
          </p>
          <ul class="settings-list">
            {result.items.map((item) => (
              <li key={item.id}>
                <span class="settings-item-text">
                  {t(`item.${item.id}`)}: {''}
                  <strong class={item.status === 'ok' ? 'settings-check-ok' : 'settings-check-missing'}>
                    {t(`status.${item.status}`)}
                  </strong>
                  {item.advice && (
                    <>
                      <br />
                      {t(`advice.${item.advice}`, { status: String(result.httpStatus ?? '') })}
                      {item.code && (
                        <>
                          {' '}
                          <code class="break-anywhere">{item.code}</code>
                        </>
                      )}
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
