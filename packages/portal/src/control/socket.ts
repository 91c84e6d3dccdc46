/**
 * The control socket: how the command line reaches a running portal that holds a PGlite directory.
 * PGlite admits one process, so while the portal runs, `create-api-key` and the other commands cannot
 * open the directory themselves; they send the command over a Unix socket beside the directory
 * instead, and the portal runs it on its own connection. The socket is created with mode 0600, so
 * only the user who may read the data directory may use it. PostgreSQL needs none of this: any number
 * of processes may connect.
 */
import { chmodSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import type { Database } from '../db/types.ts';
import { type ControlCommandName, type ControlContext, runControlCommand } from './commands.ts';

/** The socket beside a PGlite data directory (like its lock file). */
export const controlSocketPath = (dataDir: string) => `${dataDir}.sock`;

interface ControlReply {
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Largest request line accepted: commands carry a few short arguments. */
const MAX_REQUEST = 64 * 1024;

/** Listens on `path` until closed; the caller holds the directory lock, so a leftover socket is stale. */
export async function listenControlSocket(
  path: string,
  db: Database,
  context: ControlContext,
): Promise<{ close(): Promise<void> }> {
  try {
    unlinkSync(path);
  } catch {
    // None left over.
  }
  const server: Server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST) return socket.destroy();
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      const line = buffer.slice(0, end);
      socket.removeAllListeners('data');
      void answer(line).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  async function answer(line: string): Promise<ControlReply> {
    try {
      const { command, input } = JSON.parse(line) as { command: ControlCommandName; input: unknown };
      return { ok: true, result: await runControlCommand(db, command, input, context) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** Sends one command to the portal listening on `path` and returns its result (throws its error). */
export function sendControlCommand(
  path: string,
  command: ControlCommandName,
  input: unknown,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ command, input })}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
    });
    socket.on('error', (error) =>
      reject(new Error(`The running portal did not answer on ${path}: ${error.message}`)),
    );
    socket.on('end', () => {
      try {
        const reply = JSON.parse(buffer) as ControlReply;
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error ?? 'The portal refused the command'));
      } catch {
        reject(new Error('The running portal sent no answer'));
      }
    });
  });
}
