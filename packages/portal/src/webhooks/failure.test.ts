import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from './address-guard.ts';
import { failureOf, TIMEOUT_ERROR } from './failure.ts';

/** The message of the error a real failure raises. */
async function messageOf(failing: Promise<unknown>): Promise<string> {
  try {
    await failing;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

/** A port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the kind of a failed webhook attempt', () => {
  it('a delivered attempt has none; an answer other than 2xx is the status', () => {
    expect(failureOf(204, null)).toBeNull();
    expect(failureOf(503, 'The receiver answered 503')).toBe('status');
  });

  it('tells a refused connection, a timeout, the address guard and other network failures apart', async () => {
    const port = await closedPort();
    const refused = await messageOf(
      new Promise((resolve, reject) => request(`http://127.0.0.1:${port}/`).on('error', reject).end(resolve)),
    );
    expect(failureOf(null, refused)).toBe('refused');
    expect(failureOf(null, TIMEOUT_ERROR)).toBe('timeout');
    const loopback = await messageOf(resolveTarget(new URL('http://127.0.0.1/hook'), false));
    expect(failureOf(null, loopback)).toBe('address');
    const nowhere = await messageOf(resolveTarget(new URL('http://no-such-host.invalid/hook'), false));
    expect(failureOf(null, nowhere)).toBe('address');
    expect(failureOf(null, 'socket hang up')).toBe('network');
    expect(failureOf(null, 'read ECONNRESET')).toBe('network');
  });
});
