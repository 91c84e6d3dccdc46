import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A received message, decoded (headers, encoded words, transfer encodings) by postal-mime. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  at: Date;
}

async function decode(raw: Buffer): Promise<Omit<ReceivedMail, 'at'>> {
  const mail = await PostalMime.parse(raw);
  return {
    to: (mail.to ?? []).map((recipient) => recipient.address ?? recipient.name).join(', '),
    subject: mail.subject ?? '',
    text: (mail.text ?? '').replace(/\r\n/g, '\n'),
  };
}

export interface Mailbox {
  readonly messages: ReceivedMail[];
  readonly port: number;
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A catch-all SMTP server that keeps what it receives in memory: the demo's mailbox and the tests'
 * real SMTP peer. `reject` makes it refuse every recipient (to test retries).
 */
export async function startMailbox(
  options: { port?: number; host?: string } = {},
): Promise<Mailbox & { reject: boolean }> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.reject) {
        callback(Object.assign(new Error('Mailbox unavailable (test)'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        decode(Buffer.concat(chunks)).then(
          (mail) => {
            messages.push({ ...mail, at: new Date() });
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    messages,
    port,
    get reject() {
      return state.reject;
    },
    set reject(value: boolean) {
      state.reject = value;
    },
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('No matching mail arrived'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
