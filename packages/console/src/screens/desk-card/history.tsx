import {
  type AppealCard,
  AppealResult,
  LEFT_WITHOUT_ANSWER_REASONS,
  type LeftWithoutAnswerReason,
  type StaffAppeal,
} from '@otklik/client/schemas';
import { formatDateTime } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { timeZone } from '../../session.ts';
import { cardMessages } from './card.messages.ts';

/** The appeal's history on the card: its statuses and the desk's events, oldest first; a sentence when empty. */
export function History({ appeal, card }: { appeal: StaffAppeal; card: AppealCard }) {
  const { t } = useT(cardMessages);
  const tz = timeZone.value;
  const items = [
    ...appeal.history.map((h) => ({
      at: h.at,
      what: t(`status.${h.status}`),
      who: null,
      note: h.note && statusNote(h.status, h.note, t),
    })),
    ...card.events.map((e) => ({ at: e.at, what: t(`event.${e.kind}`), who: e.actor, note: e.note })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section class="panel" aria-labelledby="card-history">
      <h2 id="card-history">{t('historyTitle')}</h2>
      {items.length === 0 ? (
        <p class="card-muted">{t('noHistory')}</p>
      ) : (
        <ol class="card-history">
          {items.map((item, i) => (
            <li key={`${item.at}-${i}`}>
              <p class="card-muted">
                <time dateTime={item.at}>{formatDateTime(language.value, item.at, tz)}</time>
              </p>
              <p>
                <strong>{item.what}</strong>
                {item.who && ` — ${item.who}`}
                {item.note && `: ${item.note}`}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The card's words a status note is put in. */
type Translate = (key: `result.${AppealResult}` | `reason.${LeftWithoutAnswerReason}`) => string;

/**
 * A status's note in words: the portal records the answer's result and the reason for leaving an
 * appeal without answer by their codes (`explained`, `anonymous: …`), which a clerk must not see.
 */
function statusNote(status: StaffAppeal['status'], note: string, t: Translate): string {
  if (status === 'answered' && (AppealResult.options as readonly string[]).includes(note)) {
    return t(`result.${note as AppealResult}`);
  }
  if (status === 'left_without_answer') {
    const [code = '', ...rest] = note.split(': ');
    if ((LEFT_WITHOUT_ANSWER_REASONS as readonly string[]).includes(code)) {
      return [t(`reason.${code as LeftWithoutAnswerReason}`), ...rest].join(': ');
    }
  }
  return note;
}
