import type { AppealCard, StaffAppeal } from '@otklik/client/schemas';
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
    ...appeal.history.map((h) => ({ at: h.at, what: t(`status.${h.status}`), who: null, note: h.note })),
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
