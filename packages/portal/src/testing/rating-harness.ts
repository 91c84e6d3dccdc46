import { randomUUID } from 'node:crypto';
import {
  PowChallenge,
  Problem,
  type ProblemReason,
  RatingReceipt,
  WidgetSettings,
} from '@otklik/client/schemas';
import type { Hono } from 'hono';
import * as v from 'valibot';
import { expect } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { type AppOptions, createApp } from '../app.ts';
import { todayIn } from '../dates.ts';
import type { Database } from '../db/types.ts';
import { issueIdentityToken } from '../identity/tokens.ts';
import { createKeyRing } from '../security/keys.ts';

/** The allowed origin of the demo organisations. */
export const SITE = 'http://localhost:8788';

/**
 * Rating tests through the real HTTP path: an app whose clock the test moves, and helpers that fetch
 * a proof of work, fill the scores of an organisation's criteria set and post the rating.
 */
export function ratingHarness(db: Database, options: Partial<AppOptions> = {}) {
  const clock = { now: new Date('2025-06-15T10:00:00Z') };
  const keys = createKeyRing(db, 'test-secret');
  const app: Hono = createApp({ db, keys, pow: { maxNumber: 200 }, now: () => clock.now, ...options });
  const settings = new Map<string, WidgetSettings>();
  // Device ids unique across harnesses sharing one database.
  const devicePrefix = randomUUID().slice(0, 8);
  let devices = 0;

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function settingsOf(org: string): Promise<WidgetSettings> {
    let known = settings.get(org);
    if (known === undefined) {
      known = v.parse(WidgetSettings, await (await get(`/v1/organizations/${org}/widget-settings`)).json());
      settings.set(org, known);
    }
    return known;
  }

  async function pow(org: string) {
    const res = await post(`/v1/organizations/${org}/challenges`, {});
    expect(res.status).toBe(201);
    return solveChallenge(v.parse(PowChallenge, await res.json()));
  }

  /** `score`: one score for every criterion, or one per criterion in the set's order. */
  async function scores(org: string, score: number | number[]): Promise<Record<string, number>> {
    const { criteria } = (await settingsOf(org)).ratings.criteriaSet;
    return Object.fromEntries(
      criteria.map((c, i) => [c.id, typeof score === 'number' ? score : (score[i] ?? 0)]),
    );
  }

  /** A valid submission body for `org` today: its first service, a fresh device, a solved proof of work. */
  async function body(org: string, score: number | number[] = 5, extra: Record<string, unknown> = {}) {
    const orgSettings = await settingsOf(org);
    const services = (await (await get(`/v1/organizations/${org}/services`)).json()) as {
      items: { id: string }[];
    };
    devices += 1;
    return {
      serviceId: services.items[0]?.id,
      serviceDate: todayIn(orgSettings.timeZone, clock.now),
      scores: await scores(org, score),
      deviceId: `device-${devicePrefix}-${String(devices).padStart(6, '0')}`,
      proofOfWork: await pow(org),
      ...extra,
    };
  }

  const submit = (org: string, payload: unknown, key: string | null = randomUUID(), headers = {}) =>
    post(`/v1/organizations/${org}/ratings`, payload, {
      ...(key === null ? {} : { 'Idempotency-Key': key }),
      ...headers,
    });

  /** Rates `org` at the harness clock and expects it accepted. */
  async function rate(org: string, score: number | number[] = 5, extra: Record<string, unknown> = {}) {
    const res = await submit(org, await body(org, score, extra));
    expect(res.status, await res.clone().text()).toBe(201);
    return v.parse(RatingReceipt, await res.json());
  }

  /** Asserts the status and code, and the reason when one is given. */
  async function problem(res: Response, status: number, code: string, reason?: ProblemReason) {
    const parsed = v.parse(Problem, await res.json());
    expect({ status: res.status, code: parsed.code, ...(reason ? { reason: parsed.reason } : {}) }).toEqual({
      status,
      code,
      ...(reason ? { reason } : {}),
    });
    return parsed;
  }

  const identityToken = (org: string, email: string) =>
    issueIdentityToken(keys, { org, email, method: 'email-code', exp: Date.now() + 3_600_000 });

  return { app, clock, keys, get, post, pow, scores, body, submit, rate, problem, identityToken };
}

/** Rows of a table for some organisations, in a stable order, for comparing aggregates. */
export async function snapshot(db: Database, table: string, organizationIds: string[]) {
  return db.query(`SELECT * FROM ${table} WHERE organization_id = ANY($1::text[]) ORDER BY 1, 2, 3`, [
    organizationIds,
  ]);
}
