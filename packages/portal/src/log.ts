/**
 * One JSON line per event on stdout. Request lines carry the route pattern, never the raw URL, so
 * no query string, IP address or other personal data reaches the logs.
 */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void;
}

export function defaultLogLevel(): LogLevel {
  const env = process.env.LOG_LEVEL as LogLevel | undefined;
  if (env && env in RANK) return env;
  // Quiet under Vitest unless LOG_LEVEL asks otherwise.
  return process.env.VITEST ? 'silent' : 'info';
}

export function createLogger(
  level: LogLevel = defaultLogLevel(),
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  return {
    log(lineLevel, msg, fields) {
      if (RANK[lineLevel] > RANK[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg, ...fields }));
    },
  };
}
