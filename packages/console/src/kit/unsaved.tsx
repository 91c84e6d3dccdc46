import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useT } from '../i18n/translate.ts';
import { ConfirmDialog } from './dialog.tsx';
import { kitMessages } from './kit.messages.ts';

/** Forms with unsaved changes, each a ref to its current "dirty" flag. */
const dirtyForms = new Set<{ current: boolean }>();

export const hasUnsavedChanges = (): boolean => [...dirtyForms].some((form) => form.current);

/**
 * Marks the calling form as holding unsaved changes while `dirty` is true: leaving the page then asks
 * first — a link inside the console, the browser's Back button (both with the console's own dialog), or
 * closing or reloading the tab (with the browser's).
 */
export function useUnsavedChanges(dirty: boolean): void {
  const flag = useRef(dirty);
  flag.current = dirty;
  useEffect(() => {
    dirtyForms.add(flag);
    return () => {
      dirtyForms.delete(flag);
    };
  }, []);
}

/** The console-internal URL a click on a link would open, or null for anything the router leaves alone. */
function internalTarget(event: MouseEvent, scope: string): string | null {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    event.shiftKey
  )
    return null;
  const link = event
    .composedPath()
    .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && !!node.href);
  const href = link?.getAttribute('href');
  if (!link || !href || href.startsWith('#') || link.origin !== location.origin || link.download) return null;
  if (!/^(_?self)?$/i.test(link.target) || !href.startsWith(scope)) return null;
  return link.pathname + link.search;
}

/**
 * Rendered once by the shell, inside the router's LocationProvider. Its listeners must run before the
 * router's, so that a navigation away from unsaved changes is held until the person answers: a click
 * is caught in the capture phase; `popstate` fires on `window` itself, where Chromium calls listeners
 * in the order they were added, so they are added in a layout effect, which Preact runs for a child
 * (this guard) before its parent (the LocationProvider, which adds the router's).
 */
export function UnsavedChangesGuard({ scope }: { scope: string }) {
  const { t } = useT(kitMessages);
  const { route, url } = useLocation();
  const [pending, setPending] = useState<string | null>(null);
  const here = useRef(url);
  here.current = url;

  useLayoutEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!hasUnsavedChanges()) return;
      const target = internalTarget(event, scope);
      if (target === null || target === here.current) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(target);
    };
    // Back/Forward has already changed the address: put it back, then ask.
    const onPopState = (event: PopStateEvent) => {
      if (!hasUnsavedChanges()) return;
      event.stopImmediatePropagation();
      const target = location.pathname + location.search;
      history.pushState(null, '', here.current);
      setPending(target);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    addEventListener('click', onClick, true);
    addEventListener('popstate', onPopState, true);
    addEventListener('beforeunload', onBeforeUnload);
    return () => {
      removeEventListener('click', onClick, true);
      removeEventListener('popstate', onPopState, true);
      removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [scope]);

  return (
    <ConfirmDialog
      open={pending !== null}
      title={t('unsavedTitle')}
      confirmLabel={t('unsavedLeave')}
      cancelLabel={t('unsavedStay')}
      tone="danger"
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const target = pending;
        setPending(null);
        // A navigation by the router itself: neither listener above sees it.
        if (target !== null) route(target);
      }}
    >
      <p>{t('unsavedText')}</p>
    </ConfirmDialog>
  );
}
