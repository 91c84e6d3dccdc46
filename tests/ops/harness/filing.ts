/** A citizen's filing as the widget does it: a challenge, its proof of work, the appeal with a key. */
import { randomUUID } from 'node:crypto';
import { solveChallenge } from '../../../packages/portal/src/abuse/pow.ts';
import { DEMO_CONSENT } from '../../../packages/portal/src/seed/demo.ts';

export const FILING_ORG = 'demo-by';

export interface Filing {
  readonly key: string;
  readonly text: string;
  body?: string;
}

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
}

export function newFiling(marker: string): Filing {
  return { key: randomUUID(), text: `Прашу разгледзець. ${marker}` };
}

async function post(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

/** The appeal body with a freshly solved proof of work (kept for retries of the same filing). */
export async function prepareFiling(base: string, filing: Filing, headers: Record<string, string> = {}) {
  if (filing.body !== undefined) return filing.body;
  const challenge = await post(base, `/v1/organizations/${FILING_ORG}/challenges`, '{}', headers);
  if (challenge.status !== 201 && challenge.status !== 200) {
    throw new Error(`challenge answered ${challenge.status}: ${JSON.stringify(challenge.json)}`);
  }
  filing.body = JSON.stringify({
    type: 'application',
    language: 'be',
    applicant: {
      surname: 'Караленка',
      firstName: 'Алесь',
      patronymic: 'Іванавіч',
      email: 'ales@example.com',
      postalAddress: 'г. Мінск, вул. Леніна, 1',
    },
    text: filing.text,
    consent: { version: DEMO_CONSENT.version, accepted: true },
    proofOfWork: solveChallenge(challenge.json as unknown as Parameters<typeof solveChallenge>[0]),
  });
  return filing.body;
}

/** Sends the filing once (same key and body on every call: a retry after a lost answer). */
export async function submitFiling(
  base: string,
  filing: Filing,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = await prepareFiling(base, filing, headers);
  return post(base, `/v1/organizations/${FILING_ORG}/appeals`, body, {
    'Idempotency-Key': filing.key,
    ...headers,
  });
}
