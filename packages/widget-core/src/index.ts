export {
  AttributeError,
  type AttributeParser,
  type AttributeSpec,
  boolean,
  number,
  type OptionsOf,
  oneOf,
  optionalString,
  organizationId,
  parseAttributes,
  readAttribute,
  requiredString,
} from './attributes.ts';
export { type BadgeDefinition, type BadgeOptions, defineBadge } from './badge.ts';
export { type Portal, portalOf, type WidgetConfig } from './config.ts';
export {
  defineWidget,
  ErrorState,
  reportError,
  type Unmount,
  type WidgetDefinition,
  type WidgetModule,
  type WidgetProps,
} from './define.ts';
export {
  emit,
  errorCode,
  type OtklikDomEventMap,
  type OtklikEventMap,
  type OtklikEventName,
  warn,
} from './events.ts';
export {
  createTranslator,
  defineMessages,
  detectLanguage,
  formatDate,
  formatNumber,
  LANGUAGES,
  type Language,
  type Message,
  type Messages,
  normalizeLanguage,
  type PluralMessage,
  selectPlural,
  type Translator,
  type Vars,
} from './i18n.ts';
export { retryMinutes } from './retry.ts';
export { baseCss, sheet } from './styles.ts';
