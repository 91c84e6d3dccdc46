/**
 * Fixtures of the appeal widgets' tests. The fake portal itself (`fakePortal`, `json`, `problem`,
 * `challenge`) lives in widget-core, shared with the rating widgets' tests.
 */
import {
  type AppealFormSettings,
  type AppealView,
  type JurisdictionProfileId,
  jurisdictionProfiles,
  type WidgetSettings,
} from '@otklik/client';

export {
  type Answer,
  type Call,
  challenge,
  fakePortal,
  json,
  problem,
} from '@otklik/widget-core/test-portal';

/** Widget settings of an organisation under `profile`. */
export function settingsFor(
  profile: JurisdictionProfileId,
  appeals: Partial<AppealFormSettings> = {},
): WidgetSettings {
  const p = jurisdictionProfiles[profile];
  return {
    organizationId: 'demo-school',
    organizationName: 'Школа № 1',
    jurisdiction: profile,
    languages: ['ru'],
    allowedOrigins: [],
    timeZone: 'Europe/Moscow',
    ratings: {
      enabled: true,
      criteriaSet: {
        id: 'by-base',
        name: { ru: 'Базовые критерии' },
        criteria: [{ id: 'courtesy', label: { ru: 'Вежливость' } }],
      },
      serviceDateMaxAgeDays: 90,
      commentMaxLength: 1000,
      identification: 'anonymous',
      identity: { emailCode: true, oidcProviders: [] },
      ratingPageUrl: null,
    },
    appeals: {
      mode: 'form',
      handoffUrl: null,
      profile: structuredClone(p) as unknown as AppealFormSettings['profile'],
      languages: [...p.languages],
      topics: [
        { id: 'food', name: 'Питание' },
        { id: 'safety', name: 'Безопасность' },
      ],
      consent: {
        version: '2026-01',
        title: 'Согласие на обработку персональных данных',
        documentUrl: 'https://school.example/consent.pdf',
      },
      identity: { required: p.identityRequired, emailCode: true, oidcProviders: [] },
      attachments: { maxFiles: 5, maxFileBytes: 10_000_000, mediaTypes: ['application/pdf'] },
      ...appeals,
    },
  };
}

export const appealId = '0b7c5a4e-2f8d-4c1a-9e3b-6d5f4a3b2c1d';
export const secret = 'Sx3kT9vQ2mW8pL5nR7yB1c';

export const receipt = {
  appealId,
  registrationNumber: 'ОБР-2026-000123',
  registeredAt: '2026-11-22T09:30:00.000Z',
  dueDate: '2026-12-22',
  status: 'registered',
  accessSecret: secret,
  trackingUrl: null,
};

export function appealView(overrides: Partial<AppealView> = {}): AppealView {
  return {
    appealId,
    organizationId: 'demo-school',
    organizationName: 'Школа № 1',
    registrationNumber: 'ОБР-2026-000123',
    type: 'complaint',
    status: 'answered',
    result: 'supported_measures_taken',
    registeredAt: '2026-11-02T09:30:00.000Z',
    dueDate: '2026-12-02',
    history: [
      { status: 'registered', at: '2026-11-02T09:30:00.000Z', note: null },
      { status: 'in_review', at: '2026-11-03T10:00:00.000Z', note: null },
      { status: 'answered', at: '2026-11-20T12:00:00.000Z', note: null },
    ],
    attachments: [],
    answer: { text: 'Меню столовой изменено.', at: '2026-11-20T12:00:00.000Z', attachments: [] },
    messages: [
      {
        id: '1a2b3c4d-0000-4000-8000-000000000001',
        author: 'organization',
        text: 'Уточните, пожалуйста, класс.',
        at: '2026-11-05T08:00:00.000Z',
        attachments: [],
      },
    ],
    canWithdraw: false,
    canRate: true,
    rating: null,
    ...overrides,
  };
}
