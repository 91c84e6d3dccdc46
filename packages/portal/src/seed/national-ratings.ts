/**
 * The ratings of the national data set: spread over the last 24 months (more recent months busier),
 * over organisations by popularity, with scores skewed towards 4–5 the way public ratings are, each
 * organisation with its own quality and drift, and comments mostly from the unhappy. Pure: the same
 * seed and `today` give the same ratings.
 */
import type { Country, GeneratedOrganization } from './national-organizations.ts';
import { type Random, weightedPicker } from './random.ts';

/** The built-in criteria sets of migration 0007, by country (organisations without settings use these). */
export const CRITERIA_BY_COUNTRY: Record<Country, { setId: string; criteria: readonly string[] }> = {
  BY: { setId: 'by-base', criteria: ['simplicity', 'information', 'term', 'courtesy'] },
  RU: { setId: 'ru-nok', criteria: ['openness', 'comfort', 'accessibility', 'courtesy', 'satisfaction'] },
};

export interface GeneratedRating {
  id: string;
  organizationId: string;
  serviceId: string;
  serviceDate: string;
  criteriaSetId: string;
  /** Scores in the order of the set's criteria. */
  scores: number[];
  comment: string | null;
  identified: boolean;
  raterKey: string;
  ratedOn: string;
  createdAt: string;
}

export interface RatingPlan {
  count: number;
  /** The day the data set is generated for (`YYYY-MM-DD`); ratings end the day before. */
  today: string;
  months?: number;
}

const PRAISE = [
  'Спасибо за внимательное отношение!',
  'Всё быстро и понятно, персонал вежливый.',
  'Очень довольны, рекомендую.',
  'Хорошая организация, спасибо сотрудникам.',
  'Дзякуй за дапамогу!',
  'Записались без очереди, приняли вовремя.',
];
const NEUTRAL = [
  'В целом нормально, но пришлось подождать.',
  'Информацию на сайте стоит обновлять чаще.',
  'Неплохо, хотелось бы больше парковочных мест.',
  'Нормально, но сложно дозвониться.',
];
const COMPLAINTS = [
  'Долго ждали, никто ничего не объяснил.',
  'Грубое отношение сотрудников.',
  'Сроки не соблюдаются, справку выдали через неделю.',
  'Информации о порядке получения услуги нет, пришлось приходить дважды.',
  'Очень холодно в помещении, "зал ожидания" без стульев.',
  '-5 баллов за очередь, если бы можно было.',
];

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
const clampScore = (value: number) => Math.min(5, Math.max(1, Math.round(value)));

/** Yields `plan.count` ratings over the organisations with a positive popularity. */
export function* generateRatings(
  organizations: readonly GeneratedOrganization[],
  plan: RatingPlan,
  random: Random,
): Generator<GeneratedRating> {
  const rated = organizations.filter((org) => org.popularity > 0 && org.services.length > 0);
  if (rated.length === 0 || plan.count === 0) return;
  const pickOrganization = weightedPicker(
    rated.map((org) => org.popularity),
    random,
  );
  // Each organisation's quality, and how much it improves or worsens per month.
  const quality = rated.map(() => Math.min(4.9, Math.max(2.2, random.normal(4.15, 0.45))));
  const drift = rated.map(() => random.normal(0, 0.02));
  const today = dayNumber(plan.today);
  const window = Math.round((plan.months ?? 24) * 30.44);

  for (let i = 0; i < plan.count; i++) {
    const index = pickOrganization();
    const org = rated[index] as GeneratedOrganization;
    // Half uniform, half denser towards today: rating grows as the widget spreads.
    const back = random.chance(0.5)
      ? random.int(1, window)
      : 1 + Math.floor((window - 1) * (1 - Math.sqrt(random.next())));
    const ratedOn = today - back;
    const serviceDate = ratedOn - (random.chance(0.5) ? 0 : random.int(1, 14));
    const { setId, criteria } = CRITERIA_BY_COUNTRY[org.country];
    const mood = (quality[index] ?? 4) - (drift[index] ?? 0) * (back / 30.44) + random.normal(0, 0.9);
    // Most people give every criterion the same score; the others vary around their mood.
    const scores = random.chance(0.55)
      ? criteria.map(() => clampScore(mood))
      : criteria.map(() => clampScore(mood + random.normal(0, 0.6)));
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const service = random.chance(0.5) ? org.services[0] : random.pick(org.services);
    yield {
      id: random.uuid(),
      organizationId: org.id,
      serviceId: service?.id ?? '',
      serviceDate: isoDay(serviceDate),
      criteriaSetId: setId,
      scores,
      comment: random.chance(mean <= 2.5 ? 0.4 : 0.12) ? commentFor(mean, random) : null,
      identified: random.chance(0.15),
      raterKey: random.hex(32),
      ratedOn: isoDay(ratedOn),
      createdAt: `${isoDay(ratedOn)}T${pad(random.int(8, 21))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}${org.utcOffset}`,
    };
  }
}

function commentFor(mean: number, random: Random): string {
  const pool = mean >= 4 ? PRAISE : mean >= 3 ? NEUTRAL : COMPLAINTS;
  return random.chance(0.3) ? `${random.pick(pool)} ${random.pick(pool)}` : random.pick(pool);
}
