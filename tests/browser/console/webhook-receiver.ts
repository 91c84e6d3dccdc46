import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver accepted: its headers that matter, the parsed body and the check's verdict. */
export interface ReceivedDelivery {
  deliveryId: string;
  event: string;
  /** Unix seconds of the signature. */
  signedAt: number;
  payload: {
    id: string;
    event: string;
    occurredAt: string;
    organizationId: string;
    appeal: { id: string; registrationNumber: string; status: string; result: string | null };
  };
  receivedAt: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/otklik`, stable across `stop()` and `start()`. */
  readonly url: string;
  /** Deliveries answered 204 (signature and time checked), in order of arrival. */
  readonly accepted: ReceivedDelivery[];
  /** Why refused ones were refused (a bad or stale signature, no secret yet). */
  readonly refused: string[];
  /** The secret to check with: the one the console showed once. */
  secret: string | null;
  /** Stops listening and drops open connections: the portal meets "connection refused". */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * A document system's receiver on loopback, checking each delivery the way the portal's README tells a
 * receiver to, written here from that text rather than imported: `Otklik-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the hook's secret, compared in constant time,
 * the timestamp within five minutes. A delivery that fails the check is answered 401 (so the portal
 * keeps it and retries), one that passes 204.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const accepted: ReceivedDelivery[] = [];
  const refused: string[] = [];
  const receiver = { secret: null as string | null };

  const check = (header: string | undefined, body: string): number | string => {
    if (receiver.secret === null) return 'no secret yet';
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
    if (!match) return `malformed signature header: ${header}`;
    const t = Number(match[1]);
    if (Math.abs(Date.now() / 1000 - t) > 300) return `timestamp ${t} is more than five minutes away`;
    const expected = createHmac('sha256', receiver.secret).update(`${t}.${body}`).digest();
    const given = Buffer.from(match[2] as string, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? t : 'signature mismatch';
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = check(req.headers['otklik-signature'] as string | undefined, body);
      if (typeof verdict === 'string') {
        refused.push(verdict);
        res.writeHead(401).end();
        return;
      }
      accepted.push({
        deliveryId: String(req.headers['otklik-delivery']),
        event: String(req.headers['otklik-event']),
        signedAt: verdict,
        payload: JSON.parse(body) as ReceivedDelivery['payload'],
        receivedAt: Date.now(),
      });
      res.writeHead(204).end();
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/otklik`,
    accepted,
    refused,
    get secret() {
      return receiver.secret;
    },
    set secret(value) {
      receiver.secret = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: () => listen(port),
  };
}
