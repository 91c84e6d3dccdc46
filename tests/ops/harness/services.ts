/**
 * The real services the operations scripts need, found or refused in one way: a clear skip message
 * on a developer's machine, a failure under CI=true (where a missing service is a broken set-up).
 */
import { accessSync, constants } from 'node:fs';
import { createConnection } from 'node:net';
import { postgresReachable, postgresSkipReason } from '../../../packages/portal/src/testing/postgres.ts';

export const NGINX = process.env.OTKLIK_NGINX || '/usr/sbin/nginx';
export const REDIS_URL = process.env.OTKLIK_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tcpReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export type Service = 'postgres' | 'redis' | 'nginx' | 'openssl';

/**
 * Why these services are missing (null when all are there). Under CI=true a missing one throws, so
 * the suite fails instead of skipping; elsewhere the reason is printed and the suite skips.
 */
export async function missingServices(needed: readonly Service[]): Promise<string | null> {
  const reasons: string[] = [];
  for (const service of needed) {
    if (service === 'postgres' && !(await postgresReachable().catch(() => false)))
      reasons.push(postgresSkipReason());
    if (service === 'redis' && !(await tcpReachable(REDIS_URL)))
      reasons.push(
        `Redis not reachable at ${REDIS_URL} (apt install redis-server, or set OTKLIK_TEST_REDIS_URL)`,
      );
    if (service === 'nginx' && !executable(NGINX))
      reasons.push(`nginx not found at ${NGINX} (apt install nginx, or set OTKLIK_NGINX)`);
    if (service === 'openssl' && !executable('/usr/bin/openssl'))
      reasons.push('openssl not found (apt install openssl)');
  }
  if (reasons.length === 0) return null;
  const reason = reasons.join('; ');
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: failing instead of skipping)`);
  console.warn(`[otklik] skipping: ${reason}`);
  return reason;
}
