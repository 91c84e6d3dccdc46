import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
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
 * Whether the heading that just left the page had the focus: a screen that shows a plain heading while
 * it loads swaps it for its own when the data arrives, and the focus the router gave the first must
 * pass to the second rather than fall to `<body>` (a screen reader would lose its place).
 */
let leavingHeadingHadFocus = false;

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
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (leavingHeadingHadFocus && lost) heading.current?.focus();
    leavingHeadingHadFocus = false;
    return () => {
      leavingHeadingHadFocus = document.activeElement === heading.current;
    };
  }, []);
  return (
    <div class="page-header">
      <div class="page-header-text">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {description && <p class="page-header-description">{description}</p>}
      </div>
      {actions && <div class="page-header-actions">{actions}</div>}
    </div>
  );
}
