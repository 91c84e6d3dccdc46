/**
 * A fake portal for the widget tests: a `fetch` that routes by method and path, records every call
 * (headers and JSON body) and answers with JSON, a problem document or a network failure.
 */
import {
  type AppealFormSettings,
  type AppealView,
  type JurisdictionProfileId,
  jurisdictionProfiles,
  type WidgetSettings,
} from '@otklik/client';
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What a route answers: a value sent as JSON (status 200), a Response, or a thrown error. */
export type Answer = unknown | Response | (() => unknown);

export function fakePortal(routes: Record<string, Answer | Answer[]>) {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    calls.push({
      method,
      path: url.pathname,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const route = routes[key];
    if (route === undefined)
      return json({ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }, 404);
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    let answer = Array.isArray(route) ? route[Math.min(n, route.length - 1)] : route;
    if (typeof answer === 'function') answer = await (answer as () => unknown)();
    if (answer instanceof Error) throw answer;
    return answer instanceof Response ? answer : json(answer, method === 'POST' ? 201 : 200);
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    of: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, code: string, issues?: { path: string; message: string }[]) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, code, ...(issues ? { issues } : {}) }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

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

export const challenge = {
  algorithm: 'SHA-256' as const,
  challenge: 'a'.repeat(64),
  salt: 'salt-salt-salt',
  maxNumber: 1000,
  expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  signature: 'b'.repeat(64),
};

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
