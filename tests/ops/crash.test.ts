/**
 * SIGKILL at random moments under a stream of filings, on PGlite and on PostgreSQL: several clients
 * file appeals the way the widget does (a retry after a lost answer repeats the same Idempotency-Key
 * and body), the portal process is killed without warning while they do, and restarted. Afterwards:
 * every acknowledged appeal is there with its number (0 lost), each filing is there once (0
 * duplicates), the registration numbers run 1…N without a gap, and each restart's own work took under
 * 2 s of CPU time — on PostgreSQL the whole process's, from its spawn to ready. The process runs the
 * production bundle (tests/ops/harness/processes.ts). The wall time from the spawn of the new process
 * to its readiness endpoint's first 200 (Node, loading the bundle, the database opened and recovered,
 * migrations checked, listening: what a load balancer waits for) is printed, not asserted: other jobs
 * on a shared machine stretch it (docs/decisions.md, "Restart time").
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FILING_ORG, newFiling, submitFiling } from './harness/filing.ts';
import { crashBackends, killUnderLoad, sleep, withCrashDatabase } from './harness/kill-loop.ts';
import { freePort } from './harness/nginx.ts';
import { killAllPortals } from './harness/processes.ts';

const ROUNDS = Number(process.env.OTKLIK_CRASH_ROUNDS || 5);
const CLIENTS = 4;
// One budget for both databases. PGlite's restart after a crash holds it with durable commits since
// its data directory's flush before recovery is one syncfs (docs/decisions.md, "PGlite's restart after
// a crash"): startPortal's CPU 0.67–0.97 s at load 17, where the per-file flush took 1.7–2.4 s.
const RESTART_BUDGET_MS = 2000;
const RESTART_WALL_LIMIT_MS = 60_000;
const root = mkdtempSync(join(tmpdir(), 'otklik-crash-'));
afterAll(() => {
  killAllPortals();
  rmSync(root, { recursive: true, force: true });
});

/** A failure to reach the portal (killed, restarting): the client retries the same request. */
function isTransient(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return error instanceof TypeError || name === 'TimeoutError' || name === 'AbortError';
}

interface Ack {
  appealId: string;
  registrationNumber: string;
  text: string;
}

describe.each(await crashBackends())('SIGKILL under a stream of filings on $name', ({ name, skip }) => {
  it.skipIf(skip !== null)(
    `${ROUNDS} kills: 0 acknowledged lost, 0 duplicates, numbers without gaps, restart < 2 s of CPU`,
    async () => {
      const run = randomBytes(4).toString('hex');
      const acks = new Map<string, Ack>();
      let retries = 0;
      const restarts: number[] = [];
      const readies: number[] = [];
      const readyCpu: number[] = [];
      const portalStarts: number[] = [];
      const portalCpu: number[] = [];
      const killedAfter: number[] = [];

      await withCrashDatabase(
        name,
        root,
        async (database) =>
          killUnderLoad({
            config: { database, port: await freePort(), rateLimit: false, powMaxNumber: 200 },
            rounds: ROUNDS,
            clients: CLIENTS,
            maxDelayMs: 600,
            acknowledged: () => acks.size,
            // The port stays the same across restarts: the client keeps its address, as the widget does.
            client: async (n, portal, stopping) => {
              const base = portal().url;
              for (let seq = 0; !stopping(); seq++) {
                const filing = newFiling(`crash-${run}-${n}-${seq}`);
                for (;;) {
                  try {
                    const answer = await submitFiling(base, filing);
                    if (answer.status !== 201) {
                      throw new Error(`filing answered ${answer.status}: ${JSON.stringify(answer.json)}`);
                    }
                    const ack = {
                      appealId: String(answer.json.appealId),
                      registrationNumber: String(answer.json.registrationNumber),
                      text: filing.text,
                    };
                    const earlier = acks.get(filing.key);
                    if (earlier && earlier.appealId !== ack.appealId) throw new Error('one key, two appeals');
                    acks.set(filing.key, ack);
                    break;
                  } catch (error) {
                    if (!isTransient(error)) throw error;
                    retries++;
                    await sleep(25);
                  }
                }
              }
            },
            onRestart: (portal, delay) => {
              killedAfter.push(delay);
              restarts.push(Math.round(portal.startMs));
              readies.push(Math.round(portal.readyMs));
              readyCpu.push(portal.readyCpuMs);
              portalStarts.push(portal.portalMs);
              portalCpu.push(portal.portalCpuMs);
            },
          }),
        async (db) => {
          const rows = await db.query<{ id: string; registration_number: string; text: string }>(
            `SELECT id, registration_number, text FROM appeals WHERE organization_id = $1 AND text LIKE $2`,
            [FILING_ORG, `%crash-${run}-%`],
          );
          const [counter] = await db.query<{ last_number: number }>(
            `SELECT last_number FROM appeal_number_counters WHERE organization_id = $1 ORDER BY year DESC LIMIT 1`,
            [FILING_ORG],
          );
          const byId = new Map(rows.map((row) => [row.id, row]));
          const lost = [...acks.values()].filter(
            (ack) => byId.get(ack.appealId)?.registration_number !== ack.registrationNumber,
          );
          const texts = new Map<string, number>();
          for (const row of rows) texts.set(row.text, (texts.get(row.text) ?? 0) + 1);
          const duplicates = [...texts.values()].filter((count) => count > 1).length;
          const numbers = rows
            .map((row) => Number(/-(\d+)$/.exec(row.registration_number)?.[1]))
            .sort((a, b) => a - b);
          const gaps = numbers.filter((value, index) => value !== index + 1).length;
          console.log(
            `[crash] ${name}: ${ROUNDS} SIGKILLs (at +${killedAfter.join('/')} ms into the flow), ` +
              `${acks.size} filings acknowledged, ${retries} client retries; lost ${lost.length}, ` +
              `duplicates ${duplicates}, number gaps ${gaps} (1…${numbers.at(-1)}); ` +
              `spawn to ready (/health/ready 200) ${readies.join('/')} ms (max ${Math.max(...readies)}; ` +
              `process CPU by then ${readyCpu.join('/')} ms; load average ${loadavg()[0]?.toFixed(1)}); ` +
              `of which startPortal ${portalStarts.join('/')} ms (CPU ${portalCpu.join('/')} ms), ` +
              `spawn to listening ${restarts.join('/')} ms`,
          );
          expect(lost).toEqual([]);
          expect(duplicates).toBe(0);
          expect(rows.length).toBe(acks.size);
          expect(gaps).toBe(0);
          expect(counter?.last_number).toBe(numbers.length);
          // The restart's own work (CPU time of startPortal: database opened and recovered, migrations
          // checked, listening) is held to the budget; on PostgreSQL so is the whole process's CPU time
          // from its spawn to ready (Node and loading the bundle included), which PGlite's WASM start
          // leaves too close to the budget to hold on a loaded machine. The wall time from the spawn to
          // readiness is stretched by other jobs on a shared machine: printed above, bounded here only
          // against a hang.
          expect(Math.max(...portalCpu)).toBeLessThan(RESTART_BUDGET_MS);
          if (name === 'postgres') expect(Math.max(...readyCpu)).toBeLessThan(RESTART_BUDGET_MS);
          expect(Math.max(...readies)).toBeLessThan(RESTART_WALL_LIMIT_MS);
        },
      );
    },
    // A shared machine stretches every restart several times over (seen: 25 s from spawn to serving
    // with five test runs on two cores); the figures printed tell how much. This only catches a hang.
    480_000,
  );
});
