/**
 * Appeal status tracker: `<div data-otklik="appeal-status" data-org="ORG" data-lang="ru|be|en"></div>`
 * or `<otklik-appeal-status org="ORG">`. Reads the private link from the URL fragment
 * (`#otklik-appeal=<id>.<secret>`); without one it offers the "lost my link" form.
 */
import { defineWidget } from '@otklik/widget-core';
import { Tracker } from './tracker.tsx';
import { trackerMessages } from './tracker-messages.ts';
import { attributes, css } from './ui.tsx';

export default defineWidget({
  name: 'appeal-status',
  component: Tracker,
  attributes,
  css,
  messages: trackerMessages,
});
