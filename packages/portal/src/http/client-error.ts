import type { Duplex } from 'node:stream';
import type { ProblemCode } from '@otklik/client/schemas';
import { problemBody } from './problem.ts';

const ANSWERS: Record<string, readonly [number, string, ProblemCode]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers-too-large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request-timeout'],
  HPE_HEADERS_TIMEOUT: [408, 'Request Timeout', 'request-timeout'],
};

/** The raw HTTP/1.1 answer to a request Node's parser refused before the app saw it. */
export function clientErrorResponse(errorCode: string | undefined): string {
  const [status, reason, code] = ANSWERS[errorCode ?? ''] ?? [400, 'Bad Request', 'bad-request' as const];
  const body = JSON.stringify(problemBody(status, code));
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers what Node's HTTP parser refuses (a 20 KB URL → 431, a broken request line → 400, headers
 * too slow → 408) with problem JSON like every other error, instead of Node's empty default body.
 */
export function answerClientErrors(server: NodeJS.EventEmitter): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing to answer on a reset socket, nor once a response is under way on it.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
  });
}
