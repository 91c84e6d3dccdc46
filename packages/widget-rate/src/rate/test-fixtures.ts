/** Fixtures of the rating widgets' tests (the fake portal itself is `@otklik/widget-core/test-portal`). */
import type {
  RatingFormSettings,
  RatingReceipt,
  RatingSummary,
  Service,
  WidgetSettings,
} from '@otklik/client';

export const SETTINGS = 'GET /v1/organizations/demo-school/widget-settings';
export const SERVICES = 'GET /v1/organizations/demo-school/services';
export const CHALLENGE = 'POST /v1/organizations/demo-school/challenges';
export const RATE = 'POST /v1/organizations/demo-school/ratings';
export const SUMMARY = 'GET /v1/organizations/demo-school/rating';
export const SEND_CODE = 'POST /v1/organizations/demo-school/identity/email-code';

export function ratingSettings(ratings: Partial<RatingFormSettings> = {}): WidgetSettings {
  return {
    organizationId: 'demo-school',
    organizationName: 'МБОУ СОШ № 1',
    jurisdiction: 'ru-59fz',
    languages: ['ru'],
    allowedOrigins: [],
    timeZone: 'Europe/Moscow',
    ratings: {
      enabled: true,
      criteriaSet: {
        id: 'by-base',
        name: { ru: 'Базовые критерии' },
        criteria: [
          { id: 'courtesy', label: { ru: 'Вежливость персонала', en: 'Courtesy of the staff' } },
          { id: 'timeliness', label: { ru: 'Своевременность', be: 'Своечасовасць' } },
        ],
      },
      serviceDateMaxAgeDays: 90,
      commentMaxLength: 500,
      identification: 'anonymous',
      identity: { emailCode: true, oidcProviders: [] },
      ratingPageUrl: null,
      ...ratings,
    },
    // Not read by the rating widgets.
    appeals: {} as WidgetSettings['appeals'],
  };
}

export function servicePage(count = 3) {
  const names = ['Общее образование', 'Дополнительное образование', 'Школьное питание'];
  const items: Service[] = Array.from({ length: count }, (_, i) => ({
    id: `service-${i + 1}`,
    name: names[i] ?? `Услуга ${i + 1}`,
    description: i === 0 ? 'Начальное, основное и среднее общее образование' : null,
  }));
  return { items, total: count, limit: 100, offset: 0 };
}

export function summary(overrides: Partial<RatingSummary> = {}): RatingSummary {
  return {
    organizationId: 'demo-school',
    criteriaSetId: 'by-base',
    average: 4.33,
    count: 128,
    criteria: [
      {
        id: 'courtesy',
        label: { ru: 'Вежливость персонала', en: 'Courtesy of the staff' },
        average: 4.5,
        count: 128,
      },
      { id: 'timeliness', label: { ru: 'Своевременность' }, average: 4.16, count: 128 },
    ],
    distribution: [4, 6, 10, 28, 80],
    siblings: { rank: 3, of: 12 },
    sphere: { rank: 15, of: 340 },
    lastRatedAt: '2026-11-22T09:30:00.000Z',
    ...overrides,
  };
}

export const ratingId = '3d0c9d4e-8a4b-4f7e-9a51-2b8c7d6e5f41';

export function receipt(overrides: Partial<RatingSummary> = {}): RatingReceipt {
  return { ratingId, identified: false, summary: summary({ average: 4.34, count: 129, ...overrides }) };
}
