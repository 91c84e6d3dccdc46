/**
 * Whole minutes to wait for a `Retry-After` of `seconds` (at least one): a rate limit is told in
 * minutes ("Повторите через 51 минуту"), never as "3 017 с".
 */
export const retryMinutes = (seconds: number | undefined): number =>
  Math.max(1, Math.ceil((seconds && seconds > 0 ? seconds : 60) / 60));
