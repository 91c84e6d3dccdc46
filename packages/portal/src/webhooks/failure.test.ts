import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
    expect(failureOf(null, 'getaddrinfo EAI_AGAIN example.org')).toBe('network');
  });

  it('tells a connection cut before the answer and a failed secure connection apart', async () => {
    const listen = async (server: ReturnType<typeof createServer>) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as { port: number }).port;
    };
    // A receiver that takes the connection and drops it; one that answers HTTPS in plain HTTP.
    const dropping = createServer((socket) => socket.destroy());
    const plain = createServer((socket) =>
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n', () => socket.destroy()),
    );
    const [dropPort, plainPort] = [await listen(dropping), await listen(plain)];
    const failing = (send: typeof request, url: string) =>
      messageOf(
        new Promise((resolve, reject) => send(url).on('response', resolve).on('error', reject).end()),
      );
    try {
      const cut = await failing(request, `http://127.0.0.1:${dropPort}/`);
      expect(failureOf(null, cut), cut).toBe('reset');
      const handshake = await failing(httpsRequest, `https://127.0.0.1:${plainPort}/`);
      expect(failureOf(null, handshake), handshake).toBe('tls');
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
      await new Promise((resolve) => plain.close(resolve));
    }
    expect(failureOf(null, 'self-signed certificate')).toBe('tls');
    expect(failureOf(null, 'certificate has expired')).toBe('tls');
    expect(
      failureOf(
        null,
        "Hostname/IP does not match certificate's altnames: Host: a. is not in the cert's altnames",
      ),
    ).toBe('tls');
    expect(failureOf(null, 'socket hang up')).toBe('reset');
    expect(failureOf(null, 'read ECONNRESET')).toBe('reset');
  });
});
