import type { ComponentChildren, JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { useT } from '../i18n/translate.ts';
import { kitMessages } from './kit.messages.ts';

export interface Tab<K extends string> {
  id: K;
  label: string;
  /** A count shown beside the label ("Overdue 3"), part of the tab's name. */
  count?: number;
}

export interface TabsProps<K extends string> {
  /** Names the tab list ("Saved filters"). */
  label: string;
  /** A prefix for the ids that tie each tab to its panel. */
  idPrefix: string;
  tabs: readonly Tab<K>[];
  selected: K;
  onSelect: (id: K) => void;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string) => `${prefix}-panel`;

/**
 * Tabs (WAI-ARIA pattern) for saved filters: one Tab stop; Left/Right (and Home/End) move between
 * tabs, Enter or Space selects. Selection is manual because a filter loads data: moving along the
 * tabs must not start a request per tab. Render the content in `<TabPanel>`.
 */
export function Tabs<K extends string>({ label, idPrefix, tabs, selected, onSelect }: TabsProps<K>) {
  const { n } = useT(kitMessages);
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % buttons.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + buttons.length) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    buttons[next]?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, tab.id)}
            class="tab"
            aria-selected={isSelected ? 'true' : 'false'}
            aria-controls={panelId(idPrefix)}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {tab.count !== undefined && <span class="tab-count"> {n(tab.count)}</span>}
          </button>
        );
      })}
    </div>
  );
}

/** The content of the selected tab. */
export function TabPanel({
  idPrefix,
  selected,
  children,
}: {
  idPrefix: string;
  selected: string;
  children: ComponentChildren;
}) {
  return (
    <div class="tab-panel" role="tabpanel" id={panelId(idPrefix)} aria-labelledby={tabId(idPrefix, selected)}>
      {children}
    </div>
  );
}
