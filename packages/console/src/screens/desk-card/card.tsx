import './card.css';
import type { AppealCard, StaffAppeal, StaffPersonRef } from '@otklik/client/schemas';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { calendarDate, formatDate, formatDateTime } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { DueChip } from '../../kit/due-chip.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { useFocusFallback } from '../../kit/focus-fallback.ts';
import { TextArea } from '../../kit/inputs.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { paths } from '../../routes.ts';
import { timeZone } from '../../session.ts';
import { loadApi, SignedIn } from '../access-kit.tsx';
import { AnswerEditor } from './answer-editor.tsx';
import { AssignForm } from './assign-form.tsx';
import { Attachments } from './attachments.tsx';
import { cardMessages } from './card.messages.ts';
import { applicantName, type CardData, type CardPartProps, loadCardData } from './card-data.ts';
import { History } from './history.tsx';
import { ProcessDialog, type ProcessKind } from './process-dialog.tsx';

/** How often the open card tells the portal it is still open (the mark lasts two minutes). */
const PRESENCE_MS = 60_000;

/** The appeal card: the applicant's text and files, the thread, internal notes, the answer; state, executor, history. */
export default function AppealCardScreen() {
  const { params } = useRoute();
  const appealId = params.id ?? '';
  const { t } = useT(cardMessages);
  const [version, setVersion] = useState(0);
  const load = useLoad((signal) => loadCardData(appealId, signal), [appealId, version]);
  // After an action the card reloads quietly: no skeleton in between, so the page keeps its place
  // and the focus (a loud reload would replace every panel and drop the focus to the page).
  const refresh = () => (load.state === 'ready' ? load.refresh() : setVersion((n) => n + 1));
  return (
    <>
      {/* Until the appeal is here, a plain heading; then its number names the page. */}
      {load.state !== 'ready' && <PageHeader title={t('appeal')} />}
      <SignedIn>
        {() => (
          <Loaded load={load} lines={8}>
            {(data) => <CardBody data={data} refresh={refresh} />}
          </Loaded>
        )}
      </SignedIn>
    </>
  );
}

function CardBody({ data, refresh }: { data: CardData; refresh: () => void }) {
  const { t } = useT(cardMessages);
  // The card as an action on it returned it, until the card is read again: kept with the reading it
  // replaced, so a new reading wins in the same render as the appeal it came with (an effect copying it
  // in left one frame with the new status beside the old actions, e.g. "Назначить" on a forwarded appeal).
  const [changed, setChanged] = useState<{ of: AppealCard; card: AppealCard } | null>(null);
  const card = changed !== null && changed.of === data.card ? changed.card : data.card;
  const setCard = (next: AppealCard) => setChanged({ of: data.card, card: next });
  const [openBy, setOpenBy] = useState<readonly StaffPersonRef[]>(data.card.openBy);
  const [process, setProcess] = useState<ProcessKind | null>(null);
  const { appeal } = data;
  const tz = timeZone.value;
  const lang = language.value;

  // "Someone else has this appeal open": mark it open now and while the card stays open.
  useEffect(() => {
    let stopped = false;
    const mark = async () => {
      try {
        const { openBy: others } = await (await loadApi()).markStaffAppealOpen(appeal.appealId);
        if (!stopped) setOpenBy(others);
      } catch {
        // The mark is a courtesy: a missed one is not worth an error.
      }
    };
    void mark();
    const timer = setInterval(() => void mark(), PRESENCE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [appeal.appealId]);

  const onCard = (next: AppealCard) => {
    setCard(next);
    // Approval sent the answer: the appeal itself changed (status, answer, history).
    if (next.draft?.state === 'approved') refresh();
  };
  return (
    <>
      <PageHeader
        title={t('title', { number: appeal.registrationNumber })}
        description={`${t(`type.${appeal.type}`)} · ${t('registered', { date: formatDate(lang, appeal.registeredAt, tz) })}`}
        actions={
          <span class="form-actions">
            <a class="button button--secondary" href={paths.appealPrint(appeal.appealId, 'card')}>
              {t('printCard')}
            </a>
            {appeal.answer && (
              <a class="button button--secondary" href={paths.appealPrint(appeal.appealId, 'answer')}>
                {t('printAnswer')}
              </a>
            )}
          </span>
        }
      />
      {openBy.length > 0 && (
        <p class="card-presence" role="status">
          {t('openBy', { names: openBy.map((p) => p.name).join(', ') })}
        </p>
      )}
      <div class="card-layout">
        <div class="card-main">
          <AppealText appeal={appeal} />
          <Thread appeal={appeal} />
          <Notes card={card} onCard={setCard} />
          {(card.can.draft || card.draft !== null || appeal.answer) && (
            <AnswerEditor
              appealId={appeal.appealId}
              card={card}
              onCard={onCard}
              sent={appeal.answer ? { answer: appeal.answer, result: appeal.result } : undefined}
            />
          )}
        </div>
        <aside class="card-side" aria-label={t('statusTitle')}>
          <State
            appeal={appeal}
            card={card}
            onCard={(next) => {
              setCard(next);
              // Assigning a registered appeal puts it in review: the status and history changed too.
              if (appeal.status === 'registered') refresh();
            }}
            onProcess={setProcess}
            refresh={refresh}
          />
          <Related appeal={appeal} card={card} onCard={setCard} />
          <History appeal={appeal} card={card} />
        </aside>
      </div>
      <ProcessDialog
        appealId={appeal.appealId}
        kind={process}
        onClose={() => setProcess(null)}
        onDone={refresh}
      />
    </>
  );
}

function AppealText({ appeal }: { appeal: StaffAppeal }) {
  const { t } = useT(cardMessages);
  const a = appeal.applicant;
  const name = applicantName(a);
  return (
    <section class="panel" aria-labelledby="card-text">
      <h2 id="card-text">{t('textTitle')}</h2>
      <dl class="card-facts">
        <dt>{t('applicant')}</dt>
        <dd>{name || '—'}</dd>
        {a.email && (
          <>
            <dt>{t('email')}</dt>
            <dd>{a.email}</dd>
          </>
        )}
        {a.postalAddress && (
          <>
            <dt>{t('address')}</dt>
            <dd>{a.postalAddress}</dd>
          </>
        )}
        {appeal.topicName && (
          <>
            <dt>{t('topic')}</dt>
            <dd>{appeal.topicName}</dd>
          </>
        )}
      </dl>
      <p class="card-text">{appeal.text ?? t('noText')}</p>
      <Attachments appealId={appeal.appealId} files={appeal.attachments} />
    </section>
  );
}

function Thread({ appeal }: { appeal: StaffAppeal }) {
  const { t } = useT(cardMessages);
  const tz = timeZone.value;
  return (
    <section class="panel" aria-labelledby="card-thread">
      <h2 id="card-thread">{t('threadTitle')}</h2>
      {appeal.messages.length === 0 ? (
        <p class="card-muted">{t('noMessages')}</p>
      ) : (
        <ol class="card-thread">
          {appeal.messages.map((m) => (
            <li key={m.id} class={`card-message card-message--${m.author}`}>
              <p class="card-muted">
                {m.author === 'applicant' ? t('fromApplicant') : t('fromOrganization')} ·{' '}
                {formatDateTime(language.value, m.at, tz)}
              </p>
              <p class="card-text">{m.text}</p>
              <Attachments appealId={appeal.appealId} files={m.attachments} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Notes({ card, onCard }: { card: AppealCard; onCard: (card: AppealCard) => void }) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const tz = timeZone.value;
  return (
    <section class="panel card-notes" aria-labelledby="card-notes">
      <h2 id="card-notes">{t('notesTitle')}</h2>
      <p class="card-notes-hint">{t('notesHint')}</p>
      {card.notes.length === 0 ? (
        <p class="card-muted">{t('noNotes')}</p>
      ) : (
        <ul class="card-note-list">
          {card.notes.map((n) => (
            <li key={n.noteId}>
              <p class="card-muted">
                {n.author ?? '—'} · {formatDateTime(language.value, n.at, tz)}
              </p>
              <p class="card-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!text.trim()) return;
          setBusy(true);
          try {
            onCard(await (await loadApi()).addStaffAppealNote(card.appealId, { text }));
            setText('');
            toast(t('noteAdded'), 'success');
          } catch (error) {
            toast(refusal(error), 'error');
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextArea id="card-note" label={t('noteLabel')} value={text} onValue={setText} rows={3} />
        <div class="form-actions">
          <Button type="submit" variant="secondary" busy={busy}>
            {t('addNote')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function State({
  appeal,
  card,
  onCard,
  onProcess,
  refresh,
}: CardPartProps & {
  onProcess: (kind: ProcessKind) => void;
  refresh: () => void;
}) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const tz = timeZone.value;
  const lang = language.value;
  const open = card.can.process || card.can.assign;
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // "Взять в работу" and the closing actions go once done: the focus stays in the panel.
  const focus = useFocusFallback(section, heading);
  return (
    <section ref={section} class="panel" aria-labelledby="card-state" {...focus}>
      <h2 ref={heading} id="card-state" tabIndex={-1}>
        {t('statusTitle')}
      </h2>
      <dl class="card-facts">
        <dt>{t('status')}</dt>
        <dd>{t(`status.${appeal.status}`)}</dd>
        <dt>{t('legalDue')}</dt>
        <dd>
          {open ? (
            <DueChip due={appeal.dueDate} today={calendarDate(new Date(), tz)} withDate />
          ) : (
            formatDate(lang, appeal.dueDate, tz)
          )}
          {appeal.extensions > 0 && (
            <span class="card-muted"> · {t('extensions', { count: appeal.extensions })}</span>
          )}
        </dd>
        <dt>{t('executor')}</dt>
        <dd>{card.executor?.name ?? t('nobody')}</dd>
        {/* Where the answer is, so a clerk sees the appeal is being worked on. */}
        {card.draft && !appeal.answer && (
          <>
            <dt>{t('answerTitle')}</dt>
            <dd>{t(`state.${card.draft.state}`)}</dd>
          </>
        )}
        {card.internalDueDate && (
          <>
            <dt>{t('internalDue')}</dt>
            <dd>{formatDate(lang, card.internalDueDate, tz)}</dd>
          </>
        )}
      </dl>
      {card.can.assign && <AssignForm appeal={appeal} card={card} onCard={onCard} />}
      {card.can.process && (
        <div class="card-state-actions">
          <h3>{t('actionsTitle')}</h3>
          <div class="card-actions">
            {appeal.status === 'registered' && (
              <Button
                variant="secondary"
                onClick={async () => {
                  try {
                    await (await loadApi()).changeStaffAppealStatus(appeal.appealId, { status: 'in_review' });
                    refresh();
                  } catch (error) {
                    toast(refusal(error), 'error');
                  }
                }}
              >
                {t('toReview')}
              </Button>
            )}
            {/* The term is extended once at most: no button once it has been (the card says so). */}
            {(['forward', 'extend', 'leave', 'clarify'] as const)
              .filter((kind) => kind !== 'extend' || card.can.extend)
              .map((kind) => (
                <Button key={kind} variant="secondary" onClick={() => onProcess(kind)}>
                  {t(kind)}
                </Button>
              ))}
          </div>
        </div>
      )}
    </section>
  );
}

function Related({ appeal, card, onCard }: CardPartProps) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const tz = timeZone.value;
  const duplicateIds = new Set(card.duplicates.map((d) => d.appealId));
  const merge = async (duplicateId: string) => {
    try {
      onCard(await (await loadApi()).mergeStaffAppealDuplicate(appeal.appealId, { duplicateId }));
      toast(t('merged'), 'success');
    } catch (error) {
      toast(refusal(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="card-related">
      <h2 id="card-related">{t('relatedTitle')}</h2>
      {card.duplicateOf && (
        <p>
          <a href={paths.appeal(card.duplicateOf.appealId)}>
            {t('duplicateOf', { number: card.duplicateOf.registrationNumber })}
          </a>
        </p>
      )}
      {card.duplicates.length > 0 && (
        <>
          <h3>{t('duplicates')}</h3>
          <ul class="card-related-list">
            {card.duplicates.map((d) => (
              <li key={d.appealId}>
                <a href={paths.appeal(d.appealId)}>{d.registrationNumber}</a> · {t(`status.${d.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {card.otherAppeals.length === 0 ? (
        <p class="card-muted">{t('noRelated')}</p>
      ) : (
        <ul class="card-related-list">
          {card.otherAppeals.map((other) => (
            <li key={other.appealId}>
              <a href={paths.appeal(other.appealId)}>{other.registrationNumber}</a> ·{' '}
              {formatDate(language.value, other.registeredAt, tz)} · {t(`status.${other.status}`)}
              {card.can.assign &&
                !duplicateIds.has(other.appealId) &&
                (other.status === 'registered' ||
                  other.status === 'in_review' ||
                  other.status === 'extended') && (
                  <Button variant="secondary" onClick={() => void merge(other.appealId)}>
                    {t('merge')}
                    <span class="visually-hidden"> {other.registrationNumber}</span>
                  </Button>
                )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
