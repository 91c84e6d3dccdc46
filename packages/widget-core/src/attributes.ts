/**
 * Typed widget options read from flat attributes with plain values (Joomla strips quotes, so no JSON):
 * option `fooBar` comes from `data-foo-bar` on a `<div data-otklik>` host, or `foo-bar` / `data-foo-bar`
 * on a custom element.
 */
import { ORGANIZATION_ID_PATTERN } from '@otklik/client/schemas';

/** Turns the raw attribute value (`null` when absent) into the option's value, or throws `AttributeError`. */
export type AttributeParser<T> = (raw: string | null, name: string) => T;

export type AttributeSpec = Record<string, AttributeParser<unknown>>;

export type OptionsOf<TSpec extends AttributeSpec> = { [K in keyof TSpec]: ReturnType<TSpec[K]> };

export class AttributeError extends Error {
  override readonly name = 'AttributeError';
  readonly code = 'invalid-attribute';
}

const clean = (raw: string | null) => {
  const value = raw?.trim();
  return value ? value : undefined;
};

/** An optional text option; a value that does not match `pattern` throws. */
export function optionalString(pattern?: RegExp): AttributeParser<string | undefined> {
  return (raw, name) => {
    const value = clean(raw);
    if (value !== undefined && pattern && !pattern.test(value))
      throw new AttributeError(`data-${name}="${value}" is not valid`);
    return value;
  };
}

/** A required text option; a value that does not match `pattern` throws. */
export function requiredString(pattern?: RegExp): AttributeParser<string> {
  const optional = optionalString(pattern);
  return (raw, name) => {
    const value = optional(raw, name);
    if (value === undefined) throw new AttributeError(`data-${name} is required`);
    return value;
  };
}

/**
 * The organisation a widget is for (`data-org`): required, and an id the portal can know (the pattern
 * of the client's `OrganizationId`), so a mistyped id is reported on the page instead of sent.
 */
export const organizationId = (): AttributeParser<string> => requiredString(ORGANIZATION_ID_PATTERN);

/** One of `values`; absent or unknown values give `fallback` (unknown ones with a warning). */
export function oneOf<const T extends string>(values: readonly T[], fallback: T): AttributeParser<T> {
  return (raw) => {
    const value = clean(raw)?.toLowerCase();
    return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : fallback;
  };
}

/** A number; absent or invalid values give `fallback`. */
export function number(fallback: number): AttributeParser<number> {
  return (raw) => {
    const value = clean(raw);
    const parsed = value === undefined ? Number.NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : fallback;
  };
}

/** A flag: present (empty, `true`, `yes`, `1`, `on`) is true, `false`/`no`/`0`/`off` false, absent `fallback`. */
export function boolean(fallback = false): AttributeParser<boolean> {
  return (raw) => {
    if (raw === null) return fallback;
    return !['false', 'no', '0', 'off'].includes(raw.trim().toLowerCase());
  };
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The raw value of option `name` on `host`: `data-<name>`, else (custom elements) plain `<name>`. */
export function readAttribute(host: Element, name: string): string | null {
  const attribute = kebab(name);
  return host.getAttribute(`data-${attribute}`) ?? host.getAttribute(attribute);
}

/** Reads every option of `spec` from `host`; throws `AttributeError` for a missing or invalid one. */
export function parseAttributes<TSpec extends AttributeSpec>(host: Element, spec: TSpec): OptionsOf<TSpec> {
  const options: Record<string, unknown> = {};
  for (const [name, parse] of Object.entries(spec))
    options[name] = parse(readAttribute(host, name), kebab(name));
  return options as OptionsOf<TSpec>;
}
