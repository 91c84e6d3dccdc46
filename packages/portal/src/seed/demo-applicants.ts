/**
 * Who wrote the demo's appeals and what they wrote: made-up people and letters of the kind a school
 * receives, so the demo queue shows names and the card a text (not "data erased" everywhere).
 * Deterministic: the n-th appeal always gets the same applicant and text.
 */

export interface DemoApplicant {
  surname: string;
  firstName: string;
  patronymic: string;
  email: string;
}

/** The made-up applicants, in the order appeals take them. */
export const DEMO_APPLICANTS: readonly DemoApplicant[] = [
  { surname: 'Иванова', firstName: 'Анна', patronymic: 'Петровна', email: 'a.ivanova@example.com' },
  { surname: 'Смирнов', firstName: 'Олег', patronymic: 'Викторович', email: 'smirnov.o@example.com' },
  { surname: 'Кузнецова', firstName: 'Марина', patronymic: 'Игоревна', email: 'm.kuznetsova@example.com' },
  { surname: 'Попов', firstName: 'Дмитрий', patronymic: 'Сергеевич', email: 'd.popov@example.com' },
  { surname: 'Васильева', firstName: 'Елена', patronymic: 'Андреевна', email: 'vasileva.e@example.com' },
  { surname: 'Соколов', firstName: 'Павел', patronymic: 'Николаевич', email: 'p.sokolov@example.com' },
  { surname: 'Михайлова', firstName: 'Ольга', patronymic: 'Юрьевна', email: 'o.mikhailova@example.com' },
  { surname: 'Новиков', firstName: 'Артём', patronymic: 'Алексеевич', email: 'novikov.a@example.com' },
  { surname: 'Фёдорова', firstName: 'Татьяна', patronymic: 'Владимировна', email: 't.fedorova@example.com' },
  { surname: 'Морозов', firstName: 'Игорь', patronymic: 'Евгеньевич', email: 'i.morozov@example.com' },
  { surname: 'Волкова', firstName: 'Наталья', patronymic: 'Сергеевна', email: 'volkova.n@example.com' },
];

/** Letters by topic (the demo topics' ids), each fitting a proposal, an application or a complaint. */
const TEXTS: Readonly<Record<string, readonly string[]>> = {
  meals: [
    'Прошу проверить качество питания в школьной столовой: в последние две недели обеды у 5 «Б» класса подают остывшими.',
    'Предлагаю добавить в меню столовой вегетарианское блюдо: несколько детей в классе не едят мясо.',
  ],
  education: [
    'Прошу разъяснить, почему у 7 «А» класса отменены уроки физики в течение месяца и как будет восполнен пропущенный материал.',
    'Прошу предоставить возможность сдать пропущенную по болезни контрольную работу по математике в другой день.',
  ],
  safety: [
    'Сообщаю, что у центрального входа в школу уже неделю не работает освещение; дети идут со второй смены в темноте.',
    'Предлагаю установить пешеходный переход со светофором у школьных ворот на улице Ленина.',
  ],
  other: [
    'Прошу выдать справку об обучении моего сына для предоставления по месту работы.',
    'Благодарю классного руководителя 3 «В» класса за организацию экскурсии и прошу отметить её работу.',
  ],
};

const TOPICS = Object.keys(TEXTS);

/** The applicant, topic and text of the `n`-th demo appeal (n from 1). */
export function demoAppealContent(n: number): { applicant: DemoApplicant; topicId: string; text: string } {
  const applicant = DEMO_APPLICANTS[n % DEMO_APPLICANTS.length] ?? (DEMO_APPLICANTS[0] as DemoApplicant);
  const topicId = TOPICS[n % TOPICS.length] ?? 'other';
  const texts = TEXTS[topicId] ?? [];
  const text = texts[Math.floor(n / TOPICS.length) % texts.length] ?? '';
  return { applicant, topicId, text };
}
