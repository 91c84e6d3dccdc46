import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `tick` every `intervalMs` while the page is shown: never while the tab is hidden (nobody reads
 * it, and the portal is spared), and once at once when it is shown again an interval or more after the
 * last call. `null` stops it.
 */
export function useVisibleInterval(tick: () => void, intervalMs: number | null): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (intervalMs === null) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = Date.now();
    const run = () => {
      last = Date.now();
      latest.current();
    };
    const start = () => {
      timer ??= setInterval(run, intervalMs);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') return stop();
      if (Date.now() - last >= intervalMs) run();
      start();
    };
    if (document.visibilityState !== 'hidden') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
