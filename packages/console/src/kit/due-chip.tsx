import { daysBetween, formatDate } from '../i18n/format.ts';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

export type DueTone = 'overdue' | 'today' | 'soon' | 'later';

/** Within this many days a deadline is "soon" (CONSOLE.md: a clerk must not miss one in 3 days). */
export const SOON_DAYS = 3;

export function dueTone(daysLeft: number): DueTone {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'today';
  return daysLeft <= SOON_DAYS ? 'soon' : 'later';
}

export interface DueChipProps {
  /** The due date, `YYYY-MM-DD` (as the portal computed it from the jurisdiction and the calendar). */
  due: string;
  /** Today in the organisation's time zone, `YYYY-MM-DD` (`calendarDate(new Date(), timeZone)`). */
  today: string;
  /** Also show the date itself after the days ("через 3 дня · 5 января 2027 г."). */
  withDate?: boolean;
}

/**
 * Days left until a deadline, in words and colour (never colour alone: "просрочено на 2 дня",
 * "срок сегодня", "через 3 дня"); the date itself is always there for screen readers.
 */
export function DueChip({ due, today, withDate = false }: DueChipProps) {
  const { t } = useT(kitMessages);
  const days = daysBetween(today, due);
  const tone = dueTone(days);
  const text =
    tone === 'overdue'
      ? t('overdue', { count: -days })
      : tone === 'today'
        ? t('dueToday')
        : t('dueIn', { count: days });
  const date = formatDate(language.value, due, 'UTC');
  return (
    <span class={`due-chip due-chip--${tone}`}>
      {(tone === 'overdue' || tone === 'today') && (
        <span class="due-chip-mark" aria-hidden="true">
          !
        </span>
      )}
      <time dateTime={due}>{text}</time>
      {withDate ? (
        <span class="due-chip-date"> · {date}</span>
      ) : (
        <span class="visually-hidden"> ({t('dueOn', { date })})</span>
      )}
    </span>
  );
}
