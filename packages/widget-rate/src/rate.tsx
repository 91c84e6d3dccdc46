// PLACEHOLDER: replaced by the real widget in this session.
import { defineWidget, requiredString } from '@otklik/widget-core';

export default defineWidget({
  name: 'rate',
  component: () => null,
  attributes: { org: requiredString(/^[a-z0-9][a-z0-9-]{0,63}$/) },
  messages: { ru: { unavailable: '—' }, be: { unavailable: '—' }, en: { unavailable: '—' } },
});
