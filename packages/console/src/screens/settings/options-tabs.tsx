import type { Language, OrganizationSettings, RatingFormSettings } from '@otklik/client/schemas';
import { CriterionId } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { useIdFromName } from '../../kit/id-from-name.ts';
import { Checkbox, RadioGroup, Select, TextArea, TextInput } from '../../kit/inputs.tsx';
import { uniqueLetterFirstSlug } from '../../kit/slug.ts';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { useUnsavedChanges } from '../../kit/unsaved.tsx';
import { settingsMessages } from './settings.messages.ts';
import { client } from './staff-client.ts';

function useSettings(organizationId: string) {
  return useLoad((signal) => client().getOrganizationSettings(organizationId, { signal }), [organizationId]);
}

/** Identity methods offered: the e-mail code and the OpenID Connect providers the portal configures. */
export function IdentityTab({ organizationId }: { organizationId: string }) {
  const load = useSettings(organizationId);
  return <Loaded load={load}>{(settings) => <Identity settings={settings} />}</Loaded>;
}

function Identity({ settings }: { settings: OrganizationSettings }) {
  const { t } = useT(settingsMessages);
  const providers = settings.portal.oidcProviders;
  const form = useForm({
    schema: v.object({ emailCode: v.boolean(), oidcProviders: v.array(v.string()) }),
    initial: { ...settings.appeals.identity, oidcProviders: [...settings.appeals.identity.oidcProviders] },
    onSubmit: async (identity) => {
      await client().updateAppealOptions(settings.organizationId, { identity });
      toast(t('saved'), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  const chosen = form.values.value.oidcProviders as string[];
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
      <FormAlert error={form.formError} />
      <Checkbox label={t('emailCode')} {...form.field('emailCode')} />
      <fieldset class="field field--group">
        <legend class="field-label">{t('oidcTitle')}</legend>
        {providers.length === 0 && <p class="settings-muted">{t('noOidc')}</p>}
        {providers.map((provider) => (
          <Checkbox
            key={provider.id}
            id={`oidc-${provider.id}`}
            label={provider.name}
            value={chosen.includes(provider.id)}
            onValue={(on) =>
              form.set(
                'oidcProviders',
                on ? [...chosen, provider.id] : chosen.filter((id) => id !== provider.id),
              )
            }
          />
        ))}
      </fieldset>
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}

const MB = 1024 * 1024;
/** Short names of the media types the portal knows. */
const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};

/** Attachment rules: how many files, how large, which types — within the portal's limits. */
export function AttachmentsTab({ organizationId }: { organizationId: string }) {
  const load = useSettings(organizationId);
  return <Loaded load={load}>{(settings) => <Attachments settings={settings} />}</Loaded>;
}

const wholeNumber = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d{1,4}(?:[.,]\d{1,2})?$/),
    v.transform((s) => Number(s.replace(',', '.'))),
    v.maxValue(max),
  );

function Attachments({ settings }: { settings: OrganizationSettings }) {
  const { t, n } = useT(settingsMessages);
  const limits = settings.portal.attachments;
  const current = settings.appeals.attachments;
  const form = useForm({
    schema: v.object({
      maxFiles: wholeNumber(limits.maxFiles),
      maxFileMb: wholeNumber(limits.maxFileBytes / MB),
      mediaTypes: v.array(v.string()),
    }),
    initial: {
      maxFiles: String(current.maxFiles),
      maxFileMb: String(Math.round((current.maxFileBytes / MB) * 100) / 100),
      mediaTypes: [...current.mediaTypes],
    },
    onSubmit: async (out) => {
      await client().updateAppealOptions(settings.organizationId, {
        attachments: {
          maxFiles: Math.floor(out.maxFiles),
          maxFileBytes: Math.max(1, Math.round(out.maxFileMb * MB)),
          mediaTypes: out.mediaTypes,
        },
      });
      toast(t('saved'), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  const chosen = form.values.value.mediaTypes as string[];
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
      <FormAlert error={form.formError} />
      <TextInput
        label={t('maxFiles')}
        hint={t('portalLimit', { value: n(limits.maxFiles) })}
        inputMode="numeric"
        {...form.field('maxFiles')}
      />
      <TextInput
        label={t('maxFileMb')}
        hint={t('portalLimit', { value: n(limits.maxFileBytes / MB) })}
        inputMode="decimal"
        {...form.field('maxFileMb')}
      />
      <fieldset class="field field--group">
        <legend class="field-label">{t('mediaTypes')}</legend>
        {limits.mediaTypes.map((type) => (
          <Checkbox
            key={type}
            id={`type-${TYPE_NAMES[type] ?? type}`}
            label={TYPE_NAMES[type] ?? type}
            value={chosen.includes(type)}
            onValue={(on) =>
              form.set('mediaTypes', on ? [...chosen, type] : chosen.filter((x) => x !== type))
            }
          />
        ))}
      </fieldset>
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}

/** How the organisation takes ratings (the rating settings endpoint), and its own criteria sets. */
export function RatingsTab({ organizationId }: { organizationId: string }) {
  const load = useLoad(
    (signal) => client().getWidgetSettings(organizationId, {}, { signal }),
    [organizationId],
  );
  const added = useSignal<string[]>([]);
  return (
    <Loaded load={load}>
      {(widget) => (
        <>
          <Ratings organizationId={organizationId} ratings={widget.ratings} extraSets={added.value} />
          <CriteriaSetForm
            organizationId={organizationId}
            language={widget.languages[0] ?? 'ru'}
            taken={['by-base', 'ru-nok', widget.ratings.criteriaSet.id, ...added.value]}
            onSaved={(id) => {
              added.value = [...added.value, id];
            }}
          />
        </>
      )}
    </Loaded>
  );
}

const CriteriaSetDraft = v.object({
  id: CriterionId,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  criteria: v.pipe(
    v.string(),
    v.transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
    v.minLength(1),
    v.maxLength(10),
  ),
});

/** An own criteria set: a code, a name and its criteria, one per line (in the first language). */
function CriteriaSetForm({
  organizationId,
  language,
  taken,
  onSaved,
}: {
  organizationId: string;
  language: Language;
  /** The set codes known here, so that a code made from the name does not replace one of them. */
  taken: readonly string[];
  onSaved: (id: string) => void;
}) {
  const { t } = useT(settingsMessages);
  const empty = { id: '', name: '', criteria: '' };
  const form = useForm({
    schema: CriteriaSetDraft,
    initial: empty,
    onSubmit: async ({ id, name, criteria }) => {
      await client().putCriteriaSet(organizationId, id, {
        name: { [language]: name },
        criteria: criteria.map((label, i) => ({ id: `c${i + 1}`, label: { [language]: label } })),
      });
      onSaved(id);
      form.reset(empty);
      idFromName.forget();
      toast(t('saved'), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  const nameField = form.field('name');
  const idFromName = useIdFromName({
    setName: nameField.onValue,
    readId: () => form.values.value.id,
    writeId: (id) => form.set('id', id),
    make: (name) => uniqueLetterFirstSlug(name, taken, 'set'),
  });
  return (
    <section class="settings-section" aria-labelledby="ratings-own-set">
      <h2 id="ratings-own-set">{t('ownSetTitle')}</h2>
      <p>{t('ownSetHint')}</p>
      <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
        <FormAlert error={form.formError} />
        <TextInput label={t('setName')} required lang={language} {...nameField} onValue={idFromName.onName} />
        <TextInput
          label={t('setId')}
          hint={t('setIdHint')}
          required
          autoComplete="off"
          spellcheck={false}
          {...form.field('id')}
        />
        <TextArea
          label={t('setCriteria')}
          hint={t('setCriteriaHint')}
          required
          rows={5}
          lang={language}
          {...form.field('criteria')}
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value}>
            {t('saveSet')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Ratings({
  organizationId,
  ratings,
  extraSets,
}: {
  organizationId: string;
  ratings: RatingFormSettings;
  extraSets: string[];
}) {
  const { t } = useT(settingsMessages);
  const sets = [...new Set(['by-base', 'ru-nok', ratings.criteriaSet.id, ...extraSets])];
  const form = useForm({
    schema: v.object({
      enabled: v.boolean(),
      identification: v.picklist(['anonymous', 'optional', 'required']),
      criteriaSetId: v.string(),
      commentMaxLength: wholeNumber(5000),
    }),
    initial: {
      enabled: ratings.enabled,
      identification: ratings.identification,
      criteriaSetId: ratings.criteriaSet.id,
      commentMaxLength: String(ratings.commentMaxLength),
    },
    onSubmit: async (out) => {
      await client().updateRatingSettings(organizationId, {
        enabled: out.enabled,
        identification: out.identification,
        criteriaSetId: out.criteriaSetId,
        commentMaxLength: Math.floor(out.commentMaxLength),
      });
      toast(t('saved'), 'success');
    },
  });
  useUnsavedChanges(form.dirty);
  return (
    <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
      <FormAlert error={form.formError} />
      <Checkbox label={t('ratingsEnabled')} {...form.field('enabled')} />
      <RadioGroup
        label={t('identification')}
        name="identification"
        options={(['anonymous', 'optional', 'required'] as const).map((id) => ({
          value: id,
          label: t(`ident.${id}`),
        }))}
        {...form.field('identification')}
      />
      <Select
        label={t('criteriaSet')}
        options={sets.map((id) => ({
          value: id,
          label: id === ratings.criteriaSet.id ? `${ratings.criteriaSet.name.ru ?? id} (${id})` : id,
        }))}
        {...form.field('criteriaSetId')}
      />
      <TextInput label={t('commentMaxLength')} inputMode="numeric" {...form.field('commentMaxLength')} />
      <div class="form-actions">
        <Button type="submit" busy={form.busy.value} busyLabel={t('saving')}>
          {t('save')}
        </Button>
      </div>
    </form>
  );
}
