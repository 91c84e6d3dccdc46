import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

export interface Column<T> {
  /** A stable key for the column. */
  id: string;
  header: string;
  cell: (item: T) => ComponentChildren;
  /**
   * Keeps the cell's text on one line while the list is a table (a registration number, a surname with
   * initials): short values that read wrong when broken. Cards wrap it as usual.
   */
  nowrap?: boolean;
}

interface DataListBase<T> {
  /** Names the table for screen readers (and visibly unless `captionHidden`). */
  caption: string;
  captionHidden?: boolean;
  items: readonly T[];
  /** The columns after the row's link (all of them in a table of records), in order. */
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  /**
   * Shown instead of the table when there are no items: say what to do next (`<EmptyState>`). Without
   * it an empty list is a table with its headers only.
   */
  empty?: ComponentChildren;
  /**
   * A table of many columns: laid out as cards whenever its own container is narrower than 56rem (the
   * shell's navigation beside it counted), not only on a phone, so that no cell has to break its words.
   */
  wide?: boolean;
}

/** Rows that open their item: the first cell is the link. */
interface LinkedRows<T> {
  /** The row's heading, shown as the link that opens the item (e.g. the registration number). */
  primary: Column<T>;
  /** Where the row's link leads (the item's page). */
  rowHref: (item: T) => string;
}

/** Rows of records that open nothing (a report, a log, the refused lines of an import). */
interface PlainRows {
  primary?: undefined;
  rowHref?: undefined;
}

export type DataListProps<T> = DataListBase<T> & (LinkedRows<T> | PlainRows);

const NEXT: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  PageDown: (i, last) => Math.min(i + 10, last),
  PageUp: (i) => Math.max(i - 10, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * A list of items as a table, one row per item. With `primary` and `rowHref` each row's first cell is
 * a link that opens the item, and the list is one Tab stop: while a row's link has the focus, the
 * arrow keys (and Page Up/Down, Home, End) move between rows and Enter opens the row — no single-letter
 * shortcuts (WCAG 2.1.4). Without them it is a plain table of records, whose scrolling wrapper takes
 * the focus instead, so the keyboard can scroll a table wider than the page. On narrow screens each row
 * is laid out as a card, its cells labelled by their column's header.
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
  wide = false,
}: DataListProps<T>) {
  const { t } = useT(kitMessages);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  if (items.length === 0 && empty !== undefined) return <div class="data-list-empty">{empty}</div>;
  const current = Math.min(active, items.length - 1);
  const linked = primary !== undefined && rowHref !== undefined;

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
  // The wrapper scrolls a table wider than the page on its own, so the page itself never scrolls
  // sideways: row links scroll it into view as they take focus; a table without them has a focusable
  // wrapper (a named region) for the keyboard to scroll.
  return (
    <div
      class={wide ? 'data-list-scroll data-list-scroll--wide' : 'data-list-scroll'}
      {...(linked ? {} : { role: 'region', 'aria-label': caption, tabIndex: 0 })}
    >
      <table class="data-list" role="table">
        <caption class={captionHidden ? 'visually-hidden' : 'data-list-caption'}>
          {caption}
          {linked && <span class="visually-hidden"> {t('listKeys')}</span>}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            {linked && (
              <th scope="col" role="columnheader">
                {primary.header}
              </th>
            )}
            {columns.map((column) => (
              <th key={column.id} scope="col" role="columnheader" class={nowrapClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" ref={body} {...(linked ? { onKeyDown } : {})}>
          {items.map((item, index) => (
            <tr key={rowKey(item)} role="row" class="data-list-row">
              {linked && (
                <th
                  scope="row"
                  role="rowheader"
                  class={primary.nowrap ? 'data-list-primary data-list-nowrap' : 'data-list-primary'}
                >
                  <a
                    href={rowHref(item)}
                    data-row-link=""
                    tabIndex={index === current ? 0 : -1}
                    onFocus={() => setActive(index)}
                  >
                    {primary.cell(item)}
                  </a>
                </th>
              )}
              {columns.map((column) => (
                <td key={column.id} role="cell" data-label={column.header} class={nowrapClass(column)}>
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

const nowrapClass = <T,>(column: Column<T>) => (column.nowrap ? 'data-list-nowrap' : undefined);
