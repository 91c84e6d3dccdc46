import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { shellMessages } from '../shell/shell.messages.ts';

export interface PageHeaderProps {
  /** The page's one `<h1>`, and the first part of `document.title`. */
  title: string;
  description?: ComponentChildren;
  /** The page's main actions, beside the title on wide screens and below it on narrow ones. */
  actions?: ComponentChildren;
}

/**
 * The top of every screen. Its heading takes the focus after each route change (the shell's router
 * looks for `main h1`), so it can be focused by script (`tabindex=-1`) but is not a Tab stop.
 */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  const t = useT(shellMessages);
  const product = t.t('product');
  // Set with the DOM, before the router moves the focus to the heading: the tab's name and the
  // heading a screen reader announces change together (an effect after paint raced the focus).
  useLayoutEffect(() => {
    document.title = `${title} — ${product}`;
  }, [title, product]);
  return (
    <div class="page-header">
      <div class="page-header-text">
        <h1 tabIndex={-1}>{title}</h1>
        {description && <p class="page-header-description">{description}</p>}
      </div>
      {actions && <div class="page-header-actions">{actions}</div>}
    </div>
  );
}
