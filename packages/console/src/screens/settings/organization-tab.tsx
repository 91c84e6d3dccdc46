import type { OrganizationSettings } from '@otklik/client/schemas';
import { JurisdictionProfileId, Language, TimeZone } from '@otklik/client/schemas';
import * as v from 'valibot';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { describedBy, FieldErrorText } from '../../kit/field.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { Checkbox, Select, TextInput } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { TimeZoneSelect } from '../../kit/time-zone.tsx';
import { useUnsavedChanges } from '../../kit/unsaved.tsx';
import { settingsMessages } from './settings.messages.ts';
import { client } from './staff-client.ts';

const LANGS = ['ru', 'be', 'en'] as const;
const optional = (schema: v.GenericSchema<string, string>) => v.union([v.literal(''), schema]);

/** The organisation form, flat (the contract's patch nests the contacts). */
const OrganizationForm = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300)),
  shortName: v.pipe(v.string(), v.trim(), v.maxLength(120)),
  email: optional(v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254))),
  phone: optional(v.pipe(v.string(), v.trim(), v.regex(/^[+\d][\d ()-]{4,39}$/))),
  address: v.pipe(v.string(), v.trim(), v.maxLength(500)),
  website: optional(v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//i))),
  jurisdiction: JurisdictionProfileId,
  languages: v.pipe(v.array(Language), v.minLength(1)),
  timeZone: TimeZone,
});
type Draft = v.InferInput<typeof OrganizationForm>;

const toDraft = (s: OrganizationSettings): Draft => ({
  name: s.name,
  shortName: s.shortName ?? '',
  email: s.contacts.email ?? '',
  phone: s.contacts.phone ?? '',
  address: s.contacts.address ?? '',
  website: s.contacts.website ?? '',
  jurisdiction: s.jurisdiction,
  languages: [...s.languages],
  timeZone: s.timeZone,
});

const orNull = (value: string) => (value === '' ? null : value);

export function OrganizationTab({ organizationId }: { organizationId: string }) {
  const load = useLoad(
    (signal) =>
      client().getOrganizationSettings(organizationId, {
        signal,
      }),
    [organizationId],
  );
  return <Loaded load={load}>{(settings) => <OrganizationEditor settings={settings} />}</Loaded>;
}

function OrganizationEditor({ settings }: { settings: OrganizationSettings }) {
  const { t } = useT(settingsMessages);
  const form = useForm({
    schema: OrganizationForm,
    initial: toDraft(settings),
    onSubmit: async (out) => {
      await client().updateOrganizationSettings(settings.organizationId, {
        name: out.name,
        shortName: orNull(out.shortName),
        contacts: {
          email: orNull(out.email),
          phone: orNull(out.phone),
          address: orNull(out.address),
          website: orNull(out.website),
        },
        jurisdiction: out.jurisdiction,
        languages: out.languages,
        timeZone: out.timeZone,
      });
      toast(t('saved'), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  const languages = form.values.value.languages as Draft['languages'];
  const toggle = (lang: (typeof LANGS)[number], on: boolean) =>
    form.set(
      'languages',
      on ? [...languages.filter((l) => l !== lang), lang] : languages.filter((l) => l !== lang),
    );
  const languagesField = form.field('languages');
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
      <FormAlert error={form.formError} />
      <TextInput label={t('name')} required {...form.field('name')} />
      <TextInput label={t('shortName')} {...form.field('shortName')} />
      <fieldset class="field field--group">
        <legend class="field-label">{t('contactsTitle')}</legend>
        <TextInput label={t('email')} type="email" autoComplete="off" {...form.field('email')} />
        <TextInput label={t('phone')} type="tel" autoComplete="off" {...form.field('phone')} />
        <TextInput label={t('address')} {...form.field('address')} />
        <TextInput label={t('website')} type="url" {...form.field('website')} />
      </fieldset>
      <Select
        label={t('jurisdiction')}
        required
        options={JurisdictionProfileId.options.map((id) => ({ value: id, label: t(`profile.${id}`) }))}
        {...form.field('jurisdiction')}
      />
      <fieldset
        class="field field--group"
        aria-describedby={describedBy({ id: languagesField.id, hint: true, error: languagesField.error })}
        aria-invalid={languagesField.error ? 'true' : undefined}
      >
        <legend class="field-label">{t('languages')}</legend>
        <p class="field-hint" id={`${languagesField.id}-hint`}>
          {t('languagesHint')}
        </p>
        {LANGS.map((lang) => (
          <Checkbox
            key={lang}
            id={`${languagesField.id}-${lang}`}
            label={t(`lang.${lang}`)}
            value={languages.includes(lang)}
            onValue={(on) => toggle(lang, on)}
            error={undefined}
          />
        ))}
        <FieldErrorText id={languagesField.id} error={languagesField.error} />
      </fieldset>
      <TimeZoneSelect
        label={t('timeZone')}
        hint={t('timeZoneHint')}
        required
        country={settings.country}
        {...form.field('timeZone')}
      />
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
