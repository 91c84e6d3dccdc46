import type { Language, StaffTopic } from '@otklik/client/schemas';
import { TopicId } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { announce, toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { TextInput } from '../../kit/inputs.tsx';
import { uniqueSlug } from '../../kit/slug.ts';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { settingsMessages } from './settings.messages.ts';
import { client } from './staff-client.ts';

/** Topics with a name in each language: add, rename, reorder, archive and restore. */
export function TopicsTab({ organizationId }: { organizationId: string }) {
  const load = useLoad(
    async (signal) => {
      const [settings, list] = await Promise.all([
        client().getOrganizationSettings(organizationId, { signal }),
        client().listTopics(organizationId, { signal }),
      ]);
      return { languages: settings.languages, topics: list.topics };
    },
    [organizationId],
  );
  return <Loaded load={load}>{(data) => <Topics organizationId={organizationId} {...data} />}</Loaded>;
}

const name = (i: number) =>
  i === 0
    ? v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))
    : v.pipe(v.string(), v.trim(), v.maxLength(200));

/** The names typed, without the empty ones. */
const namesOf = (languages: readonly Language[], values: Record<string, string>) =>
  Object.fromEntries(
    languages.flatMap((l) => {
      const value = (values[`name_${l}`] ?? '').trim();
      return value ? [[l, value]] : [];
    }),
  ) as Partial<Record<Language, string>>;

/** A topic code, or nothing typed (then the code is made from the name). Same pattern as `TopicId`. */
const OptionalTopicId = v.pipe(v.string(), v.trim(), v.regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)?$/));

/** The code made from the first name, in the organisation's order, that can be written in Latin letters. */
const codeFrom = (languages: readonly Language[], values: Record<string, string>, taken: string[]) =>
  languages.map((l) => uniqueSlug(values[`name_${l}`] ?? '', taken)).find((code) => code !== '') ?? '';

function Topics({
  organizationId,
  languages,
  topics: initial,
}: {
  organizationId: string;
  languages: Language[];
  topics: StaffTopic[];
}) {
  const { t } = useT(settingsMessages);
  const topics = useSignal(initial);
  const busy = useSignal<string | null>(null);
  // The name in the console's language where the topic has one, else in the organisation's first.
  const label = (topic: StaffTopic) =>
    topic.names[language.value as Language] ??
    topic.names[languages[0] as Language] ??
    Object.values(topic.names)[0] ??
    topic.id;

  const save = async (topic: StaffTopic, change: { names?: StaffTopic['names']; archived?: boolean }) => {
    busy.value = topic.id;
    try {
      const saved = await client().putTopic(organizationId, topic.id, {
        names: change.names ?? topic.names,
        archived: change.archived ?? topic.archived,
      });
      topics.value = (await client().listTopics(organizationId)).topics;
      announce(t('saved'));
      return saved;
    } finally {
      busy.value = null;
    }
  };
  const move = async (index: number, by: -1 | 1) => {
    const active = topics.value.filter((x) => !x.archived).map((x) => x.id);
    const target = index + by;
    if (target < 0 || target >= active.length) return;
    [active[index], active[target]] = [active[target] as string, active[index] as string];
    busy.value = 'order';
    try {
      topics.value = (await client().reorderTopics(organizationId, { ids: active })).topics;
      announce(t('saved'));
    } finally {
      busy.value = null;
    }
  };

  const empty = { id: '', ...Object.fromEntries(languages.map((l) => [`name_${l}`, ''])) };
  const add = useForm({
    // The code is asked for only when a name is typed and gives none (read when the form is sent).
    schema: v.object({
      id: v.lazy(() => (needsCode() ? TopicId : OptionalTopicId)),
      ...Object.fromEntries(languages.map((l, i) => [`name_${l}`, name(i)])),
    }) as v.GenericSchema<Record<string, string>, Record<string, string>>,
    initial: empty,
    onSubmit: async (out) => {
      const id = out.id || generated();
      await client().putTopic(organizationId, id, {
        names: namesOf(languages, out) as Record<Language, string>,
      });
      topics.value = (await client().listTopics(organizationId)).topics;
      add.reset(empty);
      toast(t('saved'), 'success');
    },
  });

  function generated(): string {
    return codeFrom(
      languages,
      add.values.value,
      topics.value.map((x) => x.id),
    );
  }
  function needsCode(): boolean {
    return generated() === '' && languages.some((l) => (add.values.value[`name_${l}`] ?? '').trim() !== '');
  }

  const active = topics.value.filter((x) => !x.archived);
  const code = generated();
  return (
    <>
      <section class="settings-section" aria-labelledby="topics-list">
        <h2 id="topics-list">{t('topicsTitle')}</h2>
        <p>{t('topicsHint')}</p>
        {topics.value.length === 0 ? (
          <p class="settings-muted">{t('noTopics')}</p>
        ) : (
          <ul class="settings-list">
            {topics.value.map((topic) => {
              const index = active.indexOf(topic);
              return (
                <li key={topic.id}>
                  <TopicNames
                    topic={topic}
                    label={label(topic)}
                    languages={languages}
                    busy={busy.value === topic.id}
                    onRename={(names) => save(topic, { names })}
                  />
                  <div class="settings-actions">
                    {!topic.archived && index > 0 && (
                      <Button
                        variant="secondary"
                        busy={busy.value === 'order'}
                        aria-label={t('moveUpName', { name: label(topic) })}
                        onClick={() => move(index, -1)}
                      >
                        <span aria-hidden="true">↑ </span>
                        {t('moveUp')}
                      </Button>
                    )}
                    {!topic.archived && index < active.length - 1 && (
                      <Button
                        variant="secondary"
                        busy={busy.value === 'order'}
                        aria-label={t('moveDownName', { name: label(topic) })}
                        onClick={() => move(index, 1)}
                      >
                        <span aria-hidden="true">↓ </span>
                        {t('moveDown')}
                      </Button>
                    )}
                    <Button
                      variant="secondary"
                      busy={busy.value === topic.id}
                      onClick={() => save(topic, { archived: !topic.archived })}
                    >
                      {topic.archived ? t('restore') : t('archive')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section class="settings-section" aria-labelledby="topics-add">
        <h2 id="topics-add">{t('addTopic')}</h2>
        <form class="form" ref={add.ref} onSubmit={add.submit} noValidate>
          <FormAlert error={add.formError} />
          {languages.map((l, i) => (
            <TextInput
              key={l}
              lang={l}
              label={t('topicName', { lang: t(`lang.${l}`) })}
              required={i === 0}
              {...add.field(`name_${l}`)}
            />
          ))}
          {needsCode() ? (
            <TextInput
              label={t('topicId')}
              hint={t('topicIdNeeded')}
              required
              autoComplete="off"
              spellcheck={false}
              {...add.field('id')}
            />
          ) : (
            // Most people never need the code: it is made from the name, and stays out of sight.
            <details class="settings-advanced" open={add.errors.value.id !== undefined || undefined}>
              <summary>{t('topicIdMore')}</summary>
              <TextInput
                label={t('topicId')}
                hint={t('topicIdHint', { code: code || '…' })}
                placeholder={code}
                autoComplete="off"
                spellcheck={false}
                {...add.field('id')}
              />
            </details>
          )}
          <div class="form-actions">
            <Button type="submit" busy={add.busy.value}>
              {t('addTopic')}
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}

/** A topic's names, each editable in place; saved together. */
function TopicNames({
  topic,
  label,
  languages,
  busy,
  onRename,
}: {
  topic: StaffTopic;
  /** The topic's name as the person reads it (the code is for programs, not shown). */
  label: string;
  languages: Language[];
  busy: boolean;
  onRename: (names: StaffTopic['names']) => Promise<unknown>;
}) {
  const { t } = useT(settingsMessages);
  const schema = v.object(
    Object.fromEntries(languages.map((l, i) => [`name_${l}`, name(i)])),
  ) as v.GenericSchema<Record<string, string>, Record<string, string>>;
  const form = useForm({
    schema,
    initial: Object.fromEntries(languages.map((l) => [`name_${l}`, topic.names[l] ?? ''])),
    onSubmit: async (out) => {
      await onRename(namesOf(languages, out) as StaffTopic['names']);
    },
  });
  return (
    <form class="settings-item-text" ref={form.ref} onSubmit={form.submit} noValidate>
      <p>
        <strong>{label}</strong>
        {topic.archived && <span class="settings-muted"> — {t('archived')}</span>}
      </p>
      <FormAlert error={form.formError} />
      {languages.map((l, i) => (
        <TextInput
          key={l}
          lang={l}
          label={t('topicName', { lang: t(`lang.${l}`) })}
          required={i === 0}
          {...form.field(`name_${l}`)}
        />
      ))}
      {form.dirty && (
        <Button type="submit" busy={busy || form.busy.value}>
          {t('save')}
        </Button>
      )}
    </form>
  );
}
