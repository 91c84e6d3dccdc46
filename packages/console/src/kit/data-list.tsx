import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

export interface Column<T> {
  /** A stable key for the column. */
  id: string;
  header: string;
  cell: (item: T) => ComponentChildren;
}

export interface DataListProps<T> {
  /** Names the table for screen readers (and visibly unless `captionHidden`). */
  caption: string;
  captionHidden?: boolean;
  items: readonly T[];
  /** The row's heading, shown as the link that opens the item (e.g. the registration number). */
  primary: Column<T>;
  /** The other columns, in order. */
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  /** Where the row's link leads (the item's page). */
  rowHref: (item: T) => string;
  /** Shown instead of the table when there are no items: say what to do next (`<EmptyState>`). */
  empty: ComponentChildren;
}

const NEXT: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  PageDown: (i, last) => Math.min(i + 10, last),
  PageUp: (i) => Math.max(i - 10, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * A list of items as a table, one row per item, whose first cell is a link that opens the item. The
 * list is one Tab stop: while a row's link has the focus, the arrow keys (and Page Up/Down, Home, End)
 * move between rows and Enter opens the row — no single-letter shortcuts (WCAG 2.1.4). On narrow
 * screens each row is laid out as a card, its cells labelled by their column's header.
 */
export function DataList<T>({
  caption,
  captionHidden,
  items,
  primary,
  columns,
  rowKey,
  rowHref,
  empty,
}: DataListProps<T>) {
  const { t } = useT(kitMessages);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  if (items.length === 0) return <div class="data-list-empty">{empty}</div>;
  const current = Math.min(active, items.length - 1);

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLTableSectionElement>) => {
    const move = NEXT[event.key];
    const target = event.target as HTMLElement;
    if (!move || event.altKey || event.ctrlKey || event.metaKey || !target.matches('a[data-row-link]'))
      return;
    const links = [...(body.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? [])];
    const next = move(links.indexOf(target as HTMLAnchorElement), links.length - 1);
    event.preventDefault();
    setActive(next);
    links[next]?.focus();
  };

  // Explicit roles keep the table's meaning for screen readers when narrow screens lay it out as cards.
  // The wrapper scrolls a table wider than the page on its own (its row links scroll it into view as
  // they take focus), so the page itself never scrolls sideways.
  return (
    <div class="data-list-scroll">
      <table class="data-list" role="table">
        <caption class={captionHidden ? 'visually-hidden' : 'data-list-caption'}>
          {caption}
          <span class="visually-hidden"> {t('listKeys')}</span>
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {primary.header}
            </th>
            {columns.map((column) => (
              <th key={column.id} scope="col" role="columnheader">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" ref={body} onKeyDown={onKeyDown}>
          {items.map((item, index) => (
            <tr key={rowKey(item)} role="row" class="data-list-row">
              <th scope="row" role="rowheader" class="data-list-primary">
                <a
                  href={rowHref(item)}
                  data-row-link=""
                  tabIndex={index === current ? 0 : -1}
                  onFocus={() => setActive(index)}
                >
                  {primary.cell(item)}
                </a>
              </th>
              {columns.map((column) => (
                <td key={column.id} role="cell" data-label={column.header}>
                  {column.cell(item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
