import type { ConsentVersion, Language } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { formatDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { TextArea, TextInput } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { useUnsavedChanges } from '../../kit/unsaved.tsx';
import { timeZone } from '../../session.ts';
import { settingsMessages } from './settings.messages.ts';
import { client } from './staff-client.ts';

/** The consent document: its versions (newest, current, first) and a form for a new version. */
export function ConsentTab({ organizationId }: { organizationId: string }) {
  const load = useLoad(
    async (signal) => {
      const [settings, list] = await Promise.all([
        client().getOrganizationSettings(organizationId, { signal }),
        client().listConsentVersions(organizationId, { signal }),
      ]);
      return { languages: settings.languages, versions: list.versions, timeZone: settings.timeZone };
    },
    [organizationId],
  );
  return <Loaded load={load}>{(data) => <Consent organizationId={organizationId} {...data} />}</Loaded>;
}

const url = v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//i))]);

/** One title, address and text per language, flat: `title_ru`, `url_ru`, `text_ru`, … */
function consentForm(languages: readonly Language[]) {
  const entries: Record<string, v.GenericSchema> = {};
  for (const [i, lang] of languages.entries()) {
    // The first language is required; the others may stay empty.
    entries[`title_${lang}`] =
      i === 0
        ? v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300))
        : v.pipe(v.string(), v.trim(), v.maxLength(300));
    entries[`url_${lang}`] = url;
    entries[`text_${lang}`] = v.pipe(v.string(), v.maxLength(100_000));
  }
  return v.object(entries) as v.GenericSchema<Record<string, string>, Record<string, string>>;
}

function Consent({
  organizationId,
  languages,
  versions: initial,
  timeZone: orgTimeZone,
}: {
  organizationId: string;
  languages: Language[];
  versions: ConsentVersion[];
  timeZone: string;
}) {
  const { t, n, lang } = useT(settingsMessages);
  const versions = useSignal(initial);
  const empty = Object.fromEntries(
    languages.flatMap((l) => [
      [`title_${l}`, ''],
      [`url_${l}`, ''],
      [`text_${l}`, ''],
    ]),
  );
  const form = useForm({
    schema: consentForm(languages),
    initial: empty,
    onSubmit: async (out) => {
      const documents: Record<string, { title: string; url?: string; text?: string }> = {};
      for (const l of languages) {
        const title = out[`title_${l}`] ?? '';
        if (title === '') continue;
        documents[l] = {
          title,
          ...(out[`url_${l}`] ? { url: out[`url_${l}`] as string } : {}),
          ...(out[`text_${l}`] ? { text: out[`text_${l}`] as string } : {}),
        };
      }
      const published = await client().publishConsentVersion(organizationId, { documents });
      versions.value = [published, ...versions.value.map((x) => ({ ...x, current: false }))];
      form.reset(empty);
      toast(t('published', { version: published.version }), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  const langName = (l: Language) => t(`lang.${l}`);
  return (
    <>
      <section class="settings-section" aria-labelledby="consent-versions">
        <h2 id="consent-versions">{t('consentTitle')}</h2>
        <ul class="settings-list">
          {versions.value.map((version) => (
            <li key={version.version}>
              <span class="settings-item-text">
                <strong>{version.version}</strong>
                {version.current && ` — ${t('consentCurrent')}`}
                <br />
                <span class="settings-muted">
                  {version.publishedAt
                    ? t('consentPublished', {
                        date: formatDate(lang, version.publishedAt, orgTimeZone || timeZone.value),
                      })
                    : t('consentLegacy')}
                  {' · '}
                  {t('consentAppeals', { count: n(version.appeals) })}
                </span>
                {Object.entries(version.documents).map(([l, doc]) => (
                  <span key={l}>
                    <br />
                    <span lang={l}>{doc.url ? <a href={doc.url}>{doc.title}</a> : doc.title}</span>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section class="settings-section" aria-labelledby="consent-new">
        <h2 id="consent-new">{t('newVersion')}</h2>
        <p>{t('newVersionHint')}</p>
        <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
          <FormAlert error={form.formError} />
          <div class="settings-langs">
            {languages.map((l, i) => (
              <fieldset key={l} class="field field--group">
                <legend class="field-label">{langName(l)}</legend>
                <TextInput
                  label={t('docTitle', { lang: langName(l) })}
                  required={i === 0}
                  {...form.field(`title_${l}`)}
                />
                <TextInput
                  label={t('docUrl', { lang: langName(l) })}
                  type="url"
                  {...form.field(`url_${l}`)}
                />
                <TextArea label={t('docText', { lang: langName(l) })} rows={5} {...form.field(`text_${l}`)} />
              </fieldset>
            ))}
          </div>
          <div class="form-actions">
            <Button type="submit" busy={form.busy.value}>
              {t('publish')}
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
