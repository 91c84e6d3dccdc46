import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { Button } from './button.tsx';
import { errorText } from './errors.ts';
import { kitMessages } from './kit.messages.ts';

/**
 * Grey lines where content is coming, announced once as "Loading…". The shimmer stops for people who
 * ask for reduced motion.
 */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  const { t } = useT(kitMessages);
  return (
    <div class="skeleton" aria-busy="true">
      <span class="visually-hidden" role="status">
        {t('loading')}
      </span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} class="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

export interface ErrorStateProps {
  /** What failed; announced when the state appears. */
  error: unknown;
  title?: string;
  onRetry: () => void;
}

/** A load that failed: what happened, in words a clerk can act on, and a way to try again. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const t = useT(kitMessages);
  return (
    <div class="error-state" role="alert">
      <p class="error-state-title">{title ?? t.t('errorTitle')}</p>
      <p>{errorText(t, error)}</p>
      <Button variant="secondary" onClick={onRetry}>
        {t.t('retry')}
      </Button>
    </div>
  );
}

export interface EmptyStateProps {
  title: string;
  /** What to do next ("New appeals appear here as citizens file them…"). */
  children: ComponentChildren;
  action?: ComponentChildren;
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div class="empty-state">
      <p class="empty-state-title">{title}</p>
      <div class="empty-state-text">{children}</div>
      {action && <div class="empty-state-action">{action}</div>}
    </div>
  );
}

export type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown; retry: () => void }
  | {
      state: 'ready';
      data: T;
      retry: () => void;
      /**
       * Runs the load again while the data stays shown (no skeleton, nothing announced): the new data
       * replaces it when it comes, a failure leaves it. For figures that refresh by themselves.
       */
      refresh: () => void;
    };

/**
 * Runs `load` when the component mounts and whenever `deps` change, aborting the previous call; the
 * result is the state to render (see `<Loaded>`). `retry` runs it again; `refresh` too, quietly.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const quiet = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const retry = () => setAttempt((n) => n + 1);
    // A quiet refresh answers only for the deps it was asked with, and only the latest one.
    const refresh = () => {
      quiet.current?.abort();
      const own = new AbortController();
      quiet.current = own;
      latest.current(own.signal).then(
        (data) =>
          !own.signal.aborted &&
          !controller.signal.aborted &&
          setResult({ state: 'ready', data, retry, refresh }),
        () => undefined,
      );
    };
    setResult({ state: 'loading' });
    latest.current(controller.signal).then(
      (data) => !controller.signal.aborted && setResult({ state: 'ready', data, retry, refresh }),
      (error: unknown) => !controller.signal.aborted && setResult({ state: 'error', error, retry }),
    );
    return () => {
      controller.abort();
      quiet.current?.abort();
    };
  }, [...deps, attempt]);
  return result;
}

export interface LoadedProps<T> {
  load: Load<T>;
  children: (data: T) => ComponentChildren;
  /** Lines of the skeleton while loading. */
  lines?: number;
  errorTitle?: string;
}

/** Renders a `useLoad` result: a skeleton while loading, an error state with retry, or the data. */
export function Loaded<T>({ load, children, lines, errorTitle }: LoadedProps<T>) {
  if (load.state === 'loading') return <Skeleton {...(lines === undefined ? {} : { lines })} />;
  if (load.state === 'error')
    return (
      <ErrorState error={load.error} onRetry={load.retry} {...(errorTitle ? { title: errorTitle } : {})} />
    );
  return <>{children(load.data)}</>;
}
