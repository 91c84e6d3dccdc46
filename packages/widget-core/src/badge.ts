/**
 * What the badges (the appeal counter, the rating) have in common: one read of the organisation's
 * figures when mounted, a polite loading box and error state, `otklik:ready` with the first figures, a
 * newer read replacing an older one, and a failed read again keeping the figures already shown.
 *
 * It is in the runtime chunk every widget page loads, so it is written for size: a class made by a
 * function (its settings are closure variables, which minify), `h` calls, no hooks.
 */
import { OtklikResponseShapeError } from '@otklik/client';
import { Component, type ComponentChildren, h } from 'preact';
import { type Portal, portalOf } from './config.ts';
import { ErrorState, reportError, type WidgetProps } from './define.ts';
import { emit } from './events.ts';
import { createTranslator, type Messages, type Translator } from './i18n.ts';

export interface BadgeOptions {
  org: string;
  variant: 'compact' | 'full';
}

export interface BadgeDefinition<TData, TMessages extends Messages<'title' | 'unavailable'>> {
  /** The widget's name (events, errors); also the CSS class of its box while loading. */
  name: string;
  /** The widget's texts: `title` shows while loading, `unavailable` when it cannot load. */
  messages: TMessages;
  /** Reads the figures of `org` through `portal`. */
  load: (portal: Portal, org: string, signal: AbortSignal) => Promise<TData>;
  /** A cheap check of the answer's shape instead of the schema: a proxy's or another version's JSON fails. */
  valid: (data: TData) => boolean;
  /** The figures. */
  view: (data: TData, t: Translator<keyof TMessages['ru'] & string>, full: boolean) => ComponentChildren;
}

/**
 * The badge's component, for `defineWidget`. A badge whose figures change while the page is open
 * extends it and calls `read()` again (with a portal whose `fetch` revalidates, if the answer is cached).
 */
export function defineBadge<TData, TMessages extends Messages<'title' | 'unavailable'>>({
  name,
  messages,
  load,
  valid,
  view,
}: BadgeDefinition<TData, TMessages>) {
  type State = { data?: TData; failed?: boolean };
  return class extends Component<WidgetProps<BadgeOptions>, State> {
    /** The current read's; a newer read (or unmounting) aborts it. */
    controller = new AbortController();

    override componentDidMount() {
      // The request leaves from the next task, not from inside the first render's commit: setting it
      // up (URL, signals, fetch) was a third of the counter's first render (docs/decisions.md).
      // Unmounting, or a read started before, aborts this controller.
      const { signal } = this.controller;
      setTimeout(() => signal.aborted || this.read());
    }

    override componentWillUnmount() {
      this.controller.abort();
    }

    /** Reads the figures through `portal` (a reload passes one that revalidates with the portal). */
    read(portal = portalOf(this.props.config)) {
      const { options, host } = this.props;
      this.controller.abort();
      const { signal } = (this.controller = new AbortController());
      load(portal, options.org, signal)
        .then((data) => {
          if (signal.aborted) return;
          if (!valid(data)) throw new OtklikResponseShapeError(200, []);
          const first = this.state.data === undefined;
          // `ready` once, with the first figures on the page.
          this.setState({ data }, () => first && emit(host, 'ready', { widget: name, data }));
        })
        .catch((error: unknown) => {
          if (signal.aborted) return;
          // A failed reload keeps the figures already shown.
          this.setState({ failed: true });
          reportError(host, name, error);
        });
    }

    render() {
      const { options, lang } = this.props;
      const { data, failed } = this.state;
      const t = createTranslator(messages as Messages<keyof TMessages['ru'] & string>, lang);
      if (data !== undefined) return view(data, t, options.variant === 'full');
      if (failed) return h(ErrorState, { message: t.t('unavailable') });
      // The title while the figures load: no text swap later, and `aria-busy` tells assistive tech.
      return h(
        'div',
        { class: `box ${name} loading ${options.variant}`, 'aria-busy': 'true' },
        h('p', { class: 'muted' }, t.t('title')),
      );
    }
  };
}
