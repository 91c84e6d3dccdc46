import { connect } from 'node:net';
import { Problem } from '@otklik/client/schemas';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, startPortal } from '../server.ts';

/** Sends raw bytes and returns everything the server wrote before closing. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1];
  return { status, contentType, problem: v.parse(Problem, JSON.parse(body)) };
}

describe("Node's own refusals", () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({ database: { kind: 'pglite' }, port: 0, seed: 'none' });
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
  });

  it('a 20 KB URL is a 431 problem', async () => {
    const answer = await raw(
      portal.url,
      `GET /v1/spheres?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`,
    );
    const { status, contentType, problem } = parse(answer);
    expect(status).toBe(431);
    expect(contentType).toMatch(/^application\/problem\+json/);
    expect(problem.code).toBe('headers-too-large');
  });

  it('a broken request line is a 400 problem', async () => {
    const { status, problem } = parse(await raw(portal.url, 'GARBAGE\r\n\r\n'));
    expect(status).toBe(400);
    expect(problem.code).toBe('bad-request');
  });

  it('a NUL in a search is a 422 naming the field', async () => {
    const search = await fetch(`${portal.url}/v1/organizations?q=a%00b`);
    expect(search.status).toBe(422);
    const problem = v.parse(Problem, await search.json());
    expect(problem.issues?.map((issue) => issue.path)).toEqual(['query.q']);
  });
});
