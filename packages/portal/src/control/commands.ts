/**
 * Commands an operator runs from the shell, each usable both in the CLI's own process and, through
 * the control socket, inside a running portal (see socket.ts). Inputs arrive as JSON and are checked
 * with valibot, whichever way they came.
 */
import { PlainString } from '@otklik/client/schemas';
import * as v from 'valibot';
import { backupPglite } from '../backup/backup.ts';
import type { Database } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import { createPortalAdministrator } from '../people/portal-administrators.ts';
import { importClassifier, parseClassifierCsv } from '../reports/classifier.ts';
import { runRetention } from '../retention/retention.ts';
import { createApiKey } from '../staff/api-keys.ts';

/** What a command may need to know of the portal it runs for, besides its database. */
export interface ControlContext {
  /**
   * The address people reach the portal at: the running portal's own (its PUBLIC_URL, or where it
   * listens), so what a command prints works in the browser (a portal with a PUBLIC_URL takes the
   * console's writes from that origin only).
   */
  publicUrl: string;
}

/** The console's page `path` on the portal at `publicUrl` (which may carry a path of its own). */
export const consoleUrl = (publicUrl: string, path = '') => `${publicUrl.replace(/\/+$/, '')}/console${path}`;

const controlCommands = {
  'create-api-key': {
    input: v.object({
      org: v.pipe(v.string(), v.minLength(1)),
      label: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
    run: async (db: Database, input: { org: string; label?: string | undefined }) => ({
      organizationId: input.org,
      key: await createApiKey(db, input.org, input.label),
    }),
  },
  'create-portal-admin': {
    input: v.object({
      email: v.pipe(
        v.string(),
        v.trim(),
        v.toLowerCase(),
        v.maxLength(254),
        v.email('Not an e-mail address'),
      ),
      name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
    }),
    run: async (
      db: Database,
      input: { email: string; name?: string | undefined },
      context: ControlContext,
    ) => ({
      ...(await createPortalAdministrator(db, input.email, input.name ?? '')),
      signInUrl: consoleUrl(context.publicUrl, '/sign-in'),
    }),
  },
  // Inside the portal that holds a PGlite directory: the `backup --to DIR` command (absolute DIR).
  backup: {
    input: v.object({
      to: v.pipe(
        v.string(),
        v.check((to) => to.startsWith('/'), 'an absolute path'),
      ),
    }),
    run: (db: Database, input: { to: string }) => backupPglite(db, input.to),
  },
  // The full thematic classifier of appeals from its CSV text (`code;title`), all rows or none.
  'import-classifier': {
    input: v.object({ csv: v.pipe(PlainString, v.minLength(1), v.maxLength(8 * 1024 * 1024)) }),
    run: (db: Database, input: { csv: string }) => {
      let entries: ReturnType<typeof parseClassifierCsv>;
      try {
        entries = parseClassifierCsv(input.csv);
      } catch (error) {
        // The operator sees which lines were refused, not just that the input was.
        if (error instanceof ProblemError)
          throw new Error((error.issues ?? []).map((i) => i.message).join('\n'));
        throw error;
      }
      return db.transaction((tx) => importClassifier(tx, entries));
    },
  },
  retention: {
    input: v.object({ retainYears: v.pipe(v.number(), v.minValue(0)) }),
    run: (db: Database, input: { retainYears: number }) => runRetention(db, input),
  },
} as const;

export type ControlCommandName = keyof typeof controlCommands;

export function isControlCommand(name: string): name is ControlCommandName {
  return Object.hasOwn(controlCommands, name);
}

/** Checks the input and runs the command on `db`. */
export async function runControlCommand(
  db: Database,
  name: ControlCommandName,
  input: unknown,
  context: ControlContext,
): Promise<unknown> {
  if (!isControlCommand(name)) throw new Error(`Unknown command ${String(name)}`);
  const command = controlCommands[name];
  const parsed = v.safeParse(command.input, input);
  if (!parsed.success) throw new Error(`Invalid input: ${v.summarize(parsed.issues)}`);
  return (command.run as (db: Database, input: unknown, context: ControlContext) => Promise<unknown>)(
    db,
    parsed.output,
    context,
  );
}
