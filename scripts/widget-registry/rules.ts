/**
 * The registry (widgets.registry.ts) flattened into what every generated list needs: each widget's
 * options in order, each with one pattern (keyword lists become one too) and how to compare a value.
 */
import {
  type Label,
  type OptionSpec,
  optionsOf,
  organizationId,
  type WidgetName,
  widgetNames,
  widgets,
} from '../../widgets.registry.ts';

export interface OptionRule {
  /** The `data-*` name without the prefix (a shortcode attribute of the same name). */
  name: string;
  pattern: RegExp;
  /** The CMS plugins lowercase the value before matching (keywords, slugs, numbers). */
  lowercase: boolean;
  /** The words a keyword option takes. */
  values?: readonly string[];
  /** A valid value of a pattern option. */
  example?: string;
  /** Quotes may belong to the value (URLs, text). */
  freeText: boolean;
}

export interface WidgetRule {
  name: WidgetName;
  needsOrg: boolean;
  options: OptionRule[];
  label: Label;
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export function optionRule(name: string, spec: OptionSpec): OptionRule {
  if ('values' in spec)
    return {
      name,
      pattern: new RegExp(`^(?:${spec.values.map(escapeRegex).join('|')})$`),
      lowercase: true,
      values: spec.values,
      freeText: false,
    };
  return {
    name,
    pattern: spec.pattern,
    lowercase: !spec.caseSensitive,
    example: spec.example,
    freeText: spec.freeText ?? false,
  };
}

export function widgetRules(): WidgetRule[] {
  return widgetNames.map((name) => ({
    name,
    needsOrg: widgets[name].needsOrg,
    options: optionsOf(name).map(([option, spec]) => optionRule(option, spec)),
    label: widgets[name].label,
  }));
}

export { organizationId };
