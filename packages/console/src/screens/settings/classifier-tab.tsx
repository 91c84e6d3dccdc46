import type { ClassifierPage, TopicCodeList } from '@otklik/client/schemas';
import { useEffect, useRef, useState } from 'preact/hooks';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { announce, toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { Dialog } from '../../kit/dialog.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { TextInput } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { classifierTabMessages } from './classifier-tab.messages.ts';
import { client } from './staff-client.ts';

type Topic = TopicCodeList['items'][number];
/** Results shown in one search (the count says how many there are). */
const SHOWN = 20;
/** How long typing pauses before the list follows it. */
const SEARCH_DELAY_MS = 300;

/** Each topic of the organisation with the classifier code its appeals are reported under. */
export function ClassifierTab({ organizationId }: { organizationId: string }) {
  const [version, setVersion] = useState(0);
  const lang = language.value;
  const load = useLoad(
    (signal) => client().listTopicClassifierCodes(organizationId, { language: lang }, { signal }),
    [organizationId, lang, version],
  );
  return (
    <Loaded load={load}>
      {(data) => (
        <TopicCodes organizationId={organizationId} data={data} reload={() => setVersion((n) => n + 1)} />
      )}
    </Loaded>
  );
}

function TopicCodes({
  organizationId,
  data,
  reload,
}: {
  organizationId: string;
  data: TopicCodeList;
  reload: () => void;
}) {
  const { t } = useT(classifierTabMessages);
  const refusal = useRefusal();
  const [choosing, setChoosing] = useState<Topic | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const save = async (topic: Topic, code: string | null) => {
    setBusy(topic.topicId);
    try {
      await client().setTopicClassifierCode(organizationId, topic.topicId, { code });
      setChoosing(null);
      toast(code === null ? t('removed') : t('saved'), 'success');
      reload();
    } catch (error) {
      toast(refusal(error), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="settings-section" aria-labelledby="classifier-title">
      <h2 id="classifier-title">{t('title')}</h2>
      <p>{t('hint')}</p>
      {data.classifierSize === 0 ? (
        <p class="settings-muted">{t('empty')}</p>
      ) : data.items.length === 0 ? (
        <p class="settings-muted">{t('noTopics')}</p>
      ) : (
        <ul class="settings-list">
          {data.items.map((topic) => (
            <li key={topic.topicId}>
              <div class="settings-item-text">
                <strong>{topic.name}</strong>
                {topic.archived && <span class="settings-muted"> ({t('archived')})</span>}
                <br />
                {topic.code ? (
                  <span>
                    <code>{topic.code}</code> {topic.title}
                  </span>
                ) : (
                  <span class="settings-muted">{t('noCode')}</span>
                )}
              </div>
              <div class="settings-actions">
                <Button variant="secondary" onClick={() => setChoosing(topic)}>
                  {topic.code ? t('change') : t('choose')}
                  <span class="visually-hidden"> {t('forTopic', { name: topic.name })}</span>
                </Button>
                {topic.code && (
                  <Button
                    variant="secondary"
                    busy={busy === topic.topicId}
                    onClick={() => void save(topic, null)}
                  >
                    {t('remove')}
                    <span class="visually-hidden"> {t('forTopic', { name: topic.name })}</span>
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ChooseCode
        topic={choosing}
        onClose={() => setChoosing(null)}
        onPick={(code) => save(choosing as Topic, code)}
      />
    </section>
  );
}

/**
 * A search of the classifier (code or words of the title) in a dialog: the list follows what is typed,
 * each result names its code and title, and is picked by its button (Tab to it, Enter).
 */
function ChooseCode({
  topic,
  onClose,
  onPick,
}: {
  topic: Topic | null;
  onClose: () => void;
  onPick: (code: string) => Promise<void>;
}) {
  const { t } = useT(classifierTabMessages);
  const refusal = useRefusal();
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState<ClassifierPage | null>(null);
  const [busy, setBusy] = useState(false);
  /** The search under way; a newer one (typing on, Enter) cancels it, so an older answer never lands. */
  const running = useRef<AbortController | null>(null);
  const close = () => {
    running.current?.abort();
    setTyped('');
    setPage(null);
    onClose();
  };
  const search = async (text: string) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    try {
      const q = text.trim();
      const result = await client().listAppealClassifier(
        { ...(q ? { q } : {}), limit: SHOWN, offset: 0 },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      setPage(result);
      announce(result.total === 0 ? t('nothing') : t('foundAll', { count: result.total }));
    } catch (error) {
      if (!controller.signal.aborted) toast(refusal(error), 'error');
    } finally {
      if (running.current === controller) setBusy(false);
    }
  };
  // The list follows what is typed (a pause of SEARCH_DELAY_MS first); Enter searches at once.
  useEffect(() => {
    if (topic === null || typed.trim().length < 2) return;
    const timer = setTimeout(() => void search(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, topic === null]);
  useEffect(() => () => running.current?.abort(), []);
  return (
    <Dialog
      open={topic !== null}
      title={topic ? t('dialogTitle', { name: topic.name }) : ''}
      onClose={close}
      actions={
        <Button variant="secondary" onClick={close}>
          {t('cancel')}
        </Button>
      }
    >
      <form
        class="form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search(typed);
        }}
      >
        <TextInput
          id="classifier-q"
          type="search"
          label={t('searchLabel')}
          hint={t('searchHint')}
          value={typed}
          onValue={setTyped}
          maxLength={200}
          data-autofocus=""
        />
        <div class="form-actions">
          <Button type="submit" busy={busy}>
            {t('search')}
          </Button>
        </div>
      </form>
      {page &&
        (page.total === 0 ? (
          <p class="settings-muted">{t('nothing')}</p>
        ) : (
          <>
            <p>
              {page.total > page.items.length
                ? t('found', { count: page.total, shown: page.items.length })
                : t('foundAll', { count: page.total })}
            </p>
            <ul class="settings-list">
              {page.items.map((entry) => (
                <li key={entry.code}>
                  <span class="settings-item-text">
                    <code>{entry.code}</code> {entry.title}{' '}
                    <span class="settings-muted">({t(`level${entry.level as 1 | 2 | 3 | 4}`)})</span>
                  </span>
                  <Button variant="secondary" onClick={() => void onPick(entry.code)}>
                    {t('pick')}
                    <span class="visually-hidden"> {entry.code}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ))}
    </Dialog>
  );
}
