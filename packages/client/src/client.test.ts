import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type OtklikClient } from './client.ts';
import { isOtklikError } from './errors.ts';

/**
 * The methods createClient derives from the contract, against a real HTTP server that records what
 * arrives: arguments in the right places, credentials only where they belong, every kind of answer.
 * (The real portal is exercised in tests/integration/client.test.ts.)
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
let seen: Seen[] = [];
let reply: (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const appealId = '0f2b8c1e-7c1d-4e3a-9a43-1e0c6b3b1d11';
const KEY = `otk_${'a'.repeat(43)}`;
const staffAppeal = {
  appealId,
  organizationId: 'demo-school',
  organizationName: 'Школа',
  registrationNumber: 'ОБ-2026-000001',
  type: 'proposal',
  status: 'answered',
  result: 'explained',
  registeredAt: '2026-01-10T09:00:00.000Z',
  dueDate: '2026-02-09',
  history: [],
  attachments: [],
  answer: { text: 'Ответ', at: '2026-01-12T09:00:00.000Z', attachments: [] },
  messages: [],
  canWithdraw: false,
  canRate: true,
  rating: null,
  language: 'ru',
  topicId: null,
  text: 'Текст',
  applicant: {
    surname: 'Иванов',
    firstName: 'Иван',
    patronymic: null,
    email: 'i@example.org',
    postalAddress: null,
  },
  coAuthors: [],
  identityMethod: 'email-code',
  consent: { version: '1', acceptedAt: '2026-01-10T09:00:00.000Z', document: null },
  topicName: null,
  forwardedTo: null,
  leftWithoutAnswerReason: null,
  extensions: 0,
  overdue: false,
  ratingComment: null,
};

describe('createClient', () => {
  let desk: OtklikClient;
  beforeAll(() => {
    desk = createClient({ baseUrl, apiKey: KEY, retries: 0 });
  });

  it('sends the API key to staff endpoints, with the body and path in place', async () => {
    reply = json(200, staffAppeal);
    const answered = await desk.answerStaffAppeal(appealId, { result: 'explained', text: 'Ответ' });
    expect(answered.applicant.email).toBe('i@example.org');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: `/v1/staff/appeals/${appealId}/answer` });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(seen[0]?.body.toString() ?? '')).toEqual({ result: 'explained', text: 'Ответ' });
  });

  it('fills several path parameters in order and sends the query as text', async () => {
    reply = json(200, {
      id: 'own-set',
      name: { ru: 'Свой' },
      criteria: [{ id: 'speed', label: { ru: 'Скорость' } }],
    });
    await desk.putCriteriaSet('demo-school', 'own-set', {
      name: { ru: 'Свой' },
      criteria: [{ id: 'speed', label: { ru: 'Скорость' } }],
    });
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: '/v1/staff/organizations/demo-school/criteria-sets/own-set',
    });

    reply = json(200, {
      items: [],
      total: 0,
      limit: 5,
      offset: 0,
      counts: { dueThisWeek: 0, overdue: 0, new: 0, mine: 0, awaitingApproval: 0 },
      topics: [],
      executors: [],
      today: '2026-01-12',
    });
    await desk.listStaffAppeals({ overdue: true, status: 'in_review', limit: 5 });
    expect(seen[1]?.url).toBe('/v1/staff/appeals?overdue=true&status=in_review&limit=5');
  });

  it("never sends the API key to public endpoints: an applicant's call carries the appeal's secret", async () => {
    reply = json(200, { ...staffAppeal });
    await desk.getAppeal(appealId, 'the-access-secret');
    expect(seen[0]?.headers.authorization).toBe('Bearer the-access-secret');

    reply = json(200, { items: [], total: 0, limit: 20, offset: 0 });
    await desk.searchOrganizations();
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });

  it('sends the idempotency key of a write that must happen once', async () => {
    reply = json(200, staffAppeal);
    await desk.withdrawAppeal(appealId, 'secret', { idempotencyKey: 'withdraw-0001' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: `/v1/appeals/${appealId}/withdrawal` });
    expect(seen[0]?.headers['idempotency-key']).toBe('withdraw-0001');
    expect(seen[0]?.body.length).toBe(0);
  });

  it('wraps the verification code in the body the endpoint takes', async () => {
    reply = json(200, {
      identityToken: 'x'.repeat(40),
      email: 'i@example.org',
      method: 'email-code',
      expiresAt: '2026-01-10T11:00:00.000Z',
    });
    await desk.verifyEmailCode('demo-school', '5a3e2d4c-1b2a-4c3d-8e9f-0a1b2c3d4e5f', '123456');
    expect(seen[0]?.url).toBe(
      '/v1/organizations/demo-school/identity/email-code/5a3e2d4c-1b2a-4c3d-8e9f-0a1b2c3d4e5f/verify',
    );
    expect(JSON.parse(seen[0]?.body.toString() ?? '')).toEqual({ code: '123456' });
  });

  it('uploads a file as multipart/form-data in the field "file", and deletes it with its token', async () => {
    const receipt = {
      id: '7d0f1e2a-3b4c-4d5e-8f9a-0b1c2d3e4f5a',
      name: 'scan.pdf',
      mediaType: 'application/pdf',
      size: 8,
      uploadToken: 't'.repeat(32),
    };
    reply = json(201, receipt);
    const progress: number[] = [];
    const file = new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' });
    const uploaded = await desk.uploadAttachment('demo-school', file, {
      onProgress: ({ percent }) => progress.push(percent),
    });
    expect(uploaded).toEqual(receipt);
    expect(seen[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    const body = seen[0]?.body.toString() ?? '';
    expect(body).toContain('name="file"; filename="scan.pdf"');
    expect(body).toContain('%PDF-1.7');
    expect(progress.at(-1)).toBe(1);

    reply = (_req, res) => res.writeHead(204).end();
    await expect(
      desk.deleteUpload('demo-school', uploaded.id, uploaded.uploadToken),
    ).resolves.toBeUndefined();
    expect(seen[1]).toMatchObject({
      method: 'DELETE',
      url: `/v1/organizations/demo-school/attachments/${uploaded.id}`,
    });
    expect(seen[1]?.headers.authorization).toBe(`Bearer ${uploaded.uploadToken}`);
  });

  it('resolves a download to a Blob of the type sent', async () => {
    reply = (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment' })
        .end('\uFEFFНомер,Оценка\r\n');
    const csv = await desk.exportStaffRatings('demo-edu-dept', { includeSubordinates: true });
    expect(csv).toBeInstanceOf(Blob);
    expect(csv.type).toMatch(/^text\/csv;\s*charset=utf-8$/);
    // The bytes as sent, byte order mark included (Excel needs it).
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe('\uFEFFНомер,Оценка\r\n');
    expect(seen[0]?.url).toBe('/v1/staff/organizations/demo-edu-dept/ratings.csv?includeSubordinates=true');
    expect(seen[0]?.headers.accept).toBe('text/csv');
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('calls staff endpoints without credentials when it has none: the portal refuses them', async () => {
    reply = json(401, {
      type: 'about:blank',
      title: 'Authentication required',
      status: 401,
      code: 'unauthorized',
    });
    const anonymous = createClient({ baseUrl, retries: 0 });
    const error = await anonymous.listStaffAppeals().catch((e: unknown) => e);
    expect(isOtklikError(error) && error.kind === 'problem' && error.code).toBe('unauthorized');
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });
});
