import { type AppealCard, type AppealResult, answerBlanks, type StaffAppeal } from '@otklik/client/schemas';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { Dialog } from '../../kit/dialog.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { useFocusFallback } from '../../kit/focus-fallback.ts';
import { Select, TextArea } from '../../kit/inputs.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { useUnsavedChanges } from '../../kit/unsaved.tsx';
import { timeZone } from '../../session.ts';
import { loadApi } from '../access-kit.tsx';
import { Attachments } from './attachments.tsx';
import { cardMessages } from './card.messages.ts';

const RESULTS: readonly AppealResult[] = [
  'supported',
  'supported_measures_taken',
  'not_supported',
  'explained',
];
/** How long typing pauses before the draft saves itself. */
const AUTOSAVE_MS = 2000;

interface Props {
  appealId: string;
  card: AppealCard;
  onCard: (card: AppealCard) => void;
}

/** The answer as the applicant got it, and its result (once the appeal is answered). */
export type SentAnswer = Pick<StaffAppeal, 'result'> & { answer: NonNullable<StaffAppeal['answer']> };

/**
 * The answer: the assigned executor writes it (from a template, saved as one types) and sends it for
 * approval; an approver approves and sends it, or returns it with a comment. Sending waits for the
 * portal and shows its result (never optimistic). Once sent, the sent answer alone, with who approved
 * it (the approved draft is the same text: it is not shown twice).
 */
export function AnswerEditor({ appealId, card, onCard, sent }: Props & { sent?: SentAnswer | undefined }) {
  const { t } = useT(cardMessages);
  const draft = card.draft;
  const editable =
    card.can.draft && (draft === null || draft.state === 'draft' || draft.state === 'returned');
  const tz = timeZone.value;
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Sending the draft or approving it removes the button pressed: the focus stays in the answer.
  const focus = useFocusFallback(section, heading);
  return (
    <section ref={section} class="panel card-answer" aria-labelledby="card-answer" {...focus}>
      <h2 ref={heading} id="card-answer" tabIndex={-1}>
        {t('answerTitle')}
      </h2>
      {draft?.state === 'returned' && draft.returnComment && (
        <p class="card-returned" role="note">
          {t('returnedNote', { comment: draft.returnComment })}
        </p>
      )}
      {sent ? (
        <Sent appealId={appealId} card={card} sent={sent} />
      ) : editable ? (
        <DraftForm appealId={appealId} card={card} onCard={onCard} />
      ) : draft ? (
        <div>
          <p class="card-muted">
            {t(`state.${draft.state}`)}
            {draft.author &&
              ` · ${t('draftBy', { name: draft.author, at: formatDateTime(language.value, draft.updatedAt, tz) })}`}
          </p>
          {draft.result && (
            <p>
              <strong>{t('result')}:</strong> {t(`result.${draft.result}`)}
            </p>
          )}
          <p class="card-text">{draft.text}</p>
          {draft.state === 'on_approval' && <BlanksLeft text={draft.text} />}
          <Attachments appealId={appealId} files={draft.attachments} />
          {draft.state === 'on_approval' && !card.can.approve && <p>{t('onApproval')}</p>}
          {draft.approvedBy && draft.approvedAt && (
            <p>
              {t('approvedBy', {
                name: draft.approvedBy,
                at: formatDateTime(language.value, draft.approvedAt, tz),
              })}
            </p>
          )}
          {card.can.approve && <Approval appealId={appealId} onCard={onCard} />}
        </div>
      ) : (
        <p class="card-muted">{t('noDraft')}</p>
      )}
    </section>
  );
}

/** The sent answer: when, the result, the text and files, and who approved it. */
function Sent({ appealId, card, sent }: { appealId: string; card: AppealCard; sent: SentAnswer }) {
  const { t } = useT(cardMessages);
  const tz = timeZone.value;
  const approved = card.draft?.state === 'approved' ? card.draft : null;
  return (
    <div>
      <p class="card-muted">{t('sentOn', { at: formatDateTime(language.value, sent.answer.at, tz) })}</p>
      {sent.result && (
        <p>
          <strong>{t('result')}:</strong> {t(`result.${sent.result}`)}
        </p>
      )}
      <p class="card-text">{sent.answer.text}</p>
      <Attachments appealId={appealId} files={sent.answer.attachments} />
      {approved?.approvedBy && approved.approvedAt && (
        <p>
          {t('approvedBy', {
            name: approved.approvedBy,
            at: formatDateTime(language.value, approved.approvedAt, tz),
          })}
        </p>
      )}
    </div>
  );
}

/** A draft on approval that still has a template's blank (from before the portal refused them). */
function BlanksLeft({ text }: { text: string }) {
  const { t } = useT(cardMessages);
  const blanks = answerBlanks(text);
  return blanks.length > 0 ? (
    <p class="card-blanks" role="note">
      {t('blanksLeft', { blanks: blanks.join(', ') })}
    </p>
  ) : null;
}

function DraftForm({ appealId, card, onCard }: Props) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const [result, setResult] = useState<AppealResult | ''>(card.draft?.result ?? '');
  const [text, setText] = useState(card.draft?.text ?? '');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [templateId, setTemplateId] = useState('');
  // A template's blanks left in the text: said beside it, and an error once sending was tried.
  const [triedBlanks, setTriedBlanks] = useState(false);
  const blanks = answerBlanks(text);
  const blanksText = blanks.length > 0 ? t('blanksLeft', { blanks: blanks.join(', ') }) : undefined;
  useUnsavedChanges(dirty);
  const templates = useLoad(
    async (signal) => (await loadApi()).listStaffAppealTemplates(appealId, { signal }),
    [appealId],
  );

  // One write at a time: a pending autosave never races "send for approval".
  const working = useRef(false);
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  const current = useRef({ result, text });
  current.current = { result, text };
  const save = async (): Promise<boolean> => {
    const sent = current.current;
    try {
      const next = await (await loadApi()).saveStaffAnswerDraft(appealId, {
        result: sent.result || null,
        text: sent.text,
      });
      // Typed on while it saved: still unsaved.
      if (current.current.text === sent.text && current.current.result === sent.result) {
        setDirty(false);
        dirtyNow.current = false;
      }
      onCard(next);
      return true;
    } catch (error) {
      toast(refusal(error), 'error');
      return false;
    }
  };
  const exclusive = async (work: () => Promise<unknown>) => {
    if (working.current) return;
    working.current = true;
    try {
      await work();
    } finally {
      working.current = false;
    }
  };
  // Saved as one types: a pause in typing saves the draft.
  const latestSave = useRef(save);
  latestSave.current = save;
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void exclusive(() => latestSave.current()), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, text, result]);

  const edit = (apply: () => void) => {
    apply();
    setDirty(true);
  };
  return (
    <div class="form">
      <Loaded load={templates} lines={1}>
        {(list) =>
          list.items.length > 0 && (
            <div class="card-template">
              <Select
                id="card-template"
                label={t('template')}
                value={templateId}
                onValue={setTemplateId}
                options={list.items.map((item) => ({ value: item.templateId, label: item.title }))}
                placeholder={t('noTemplate')}
              />
              <Button
                variant="secondary"
                onClick={() => {
                  const chosen = list.items.find((item) => item.templateId === templateId);
                  if (!chosen) return;
                  edit(() => {
                    setText(chosen.filled);
                    if (chosen.result) setResult(chosen.result);
                  });
                }}
              >
                {t('useTemplate')}
              </Button>
            </div>
          )
        }
      </Loaded>
      <Select
        id="card-result"
        label={t('result')}
        value={result}
        onValue={(value) => edit(() => setResult(value))}
        options={RESULTS.map((r) => ({ value: r, label: t(`result.${r}`) }))}
        placeholder="—"
      />
      <TextArea
        id="card-answer-text"
        label={t('answerText')}
        value={text}
        rows={12}
        hint={triedBlanks ? undefined : blanksText}
        error={triedBlanks ? blanksText : undefined}
        onValue={(value) => edit(() => setText(value))}
      />
      <AnswerFiles appealId={appealId} card={card} onCard={onCard} />
      <div class="form-actions">
        <Button
          variant="secondary"
          busy={busy === 'save'}
          busyLabel={t('saving')}
          onClick={() =>
            void exclusive(async () => {
              setBusy('save');
              if (await save()) toast(t('saved'), 'success');
              setBusy(null);
            })
          }
        >
          {t('saveDraft')}
        </Button>
        <Button
          busy={busy === 'submit'}
          busyLabel={t('saving')}
          onClick={async () => {
            // The portal refuses an answer with a blank left (answer-has-blanks): say so here, at the text.
            if (answerBlanks(current.current.text).length > 0) {
              setTriedBlanks(true);
              document.getElementById('card-answer-text')?.focus();
              return;
            }
            // Wait for an autosave under way, then save what is left and send.
            while (working.current) await new Promise((r) => setTimeout(r, 50));
            await exclusive(async () => {
              setBusy('submit');
              try {
                if (dirtyNow.current && !(await save())) return;
                onCard(await (await loadApi()).submitStaffAnswerDraft(appealId));
                toast(t('submitted'), 'success');
              } catch (error) {
                toast(refusal(error), 'error');
              } finally {
                setBusy(null);
              }
            });
          }}
        >
          {t('submit')}
        </Button>
      </div>
    </div>
  );
}

function Approval({ appealId, onCard }: { appealId: string; onCard: (card: AppealCard) => void }) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const run = async (call: () => Promise<AppealCard>, done: string) => {
    setBusy(true);
    try {
      onCard(await call());
      toast(done, 'success');
      return true;
    } catch (error) {
      toast(refusal(error), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="form-actions">
      <Button
        busy={busy}
        busyLabel={t('saving')}
        onClick={() =>
          void run(async () => (await loadApi()).approveStaffAnswerDraft(appealId), t('approved'))
        }
      >
        {t('approve')}
      </Button>
      <Button variant="secondary" onClick={() => setReturning(true)}>
        {t('returnDraft')}
      </Button>
      <Dialog
        open={returning}
        title={t('returnDraft')}
        onClose={() => setReturning(false)}
        actions={
          <>
            <Button variant="secondary" onClick={() => setReturning(false)}>
              {t('cancel')}
            </Button>
            <Button
              busy={busy}
              onClick={async () => {
                if (!comment.trim()) return;
                const ok = await run(
                  async () => (await loadApi()).returnStaffAnswerDraft(appealId, { comment }),
                  t('returned'),
                );
                if (ok) {
                  setReturning(false);
                  setComment('');
                }
              }}
            >
              {t('returnDraft')}
            </Button>
          </>
        }
      >
        <TextArea
          id="card-return-comment"
          label={t('returnComment')}
          value={comment}
          onValue={setComment}
          required
          data-autofocus=""
        />
      </Dialog>
    </div>
  );
}

/** The files that go with the answer: add (under the organisation's rules) or remove while drafting. */
function AnswerFiles({ appealId, card, onCard }: Props) {
  const { t } = useT(cardMessages);
  const refusal = useRefusal();
  const [busy, setBusy] = useState(false);
  const files = card.draft?.attachments ?? [];
  const reload = async () => onCard(await (await loadApi()).getStaffAppealCard(appealId));
  return (
    <div class="card-answer-files">
      {files.length > 0 && (
        <ul class="card-attachment-list">
          {files.map((file) => (
            <li key={file.id} class="card-attachment">
              <span class="card-attachment-name">{file.name}</span>
              <Button
                variant="secondary"
                onClick={async () => {
                  try {
                    await (await loadApi()).deleteStaffAnswerAttachment(appealId, file.id);
                    await reload();
                  } catch (error) {
                    toast(refusal(error), 'error');
                  }
                }}
              >
                {t('removeFile')}
                <span class="visually-hidden"> {file.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label class="field-label" for="card-answer-file">
          {t('attachFile')}
        </label>
        <input
          id="card-answer-file"
          class="field-control"
          type="file"
          aria-busy={busy ? 'true' : undefined}
          onChange={async (event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            setBusy(true);
            try {
              await (await loadApi()).uploadStaffAnswerAttachment(appealId, file, { fileName: file.name });
              toast(t('fileAttached', { name: file.name }), 'success');
              await reload();
            } catch (error) {
              toast(refusal(error), 'error');
            } finally {
              input.value = '';
              setBusy(false);
            }
          }}
        />
      </div>
    </div>
  );
}
