/** Writing JavaScript values as PHP source: string literals, PCRE patterns, arrays. */

/** A single-quoted PHP string literal (no interpolation; only `\` and `'` need escaping). */
export function phpString(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}

const delimiters = ['/', '#', '~', '%', '!', '@'];

/**
 * The PCRE pattern (`preg_match`'s first argument) that matches what `regex` matches. `D` makes `$` the
 * very end, as in JavaScript (PCRE's `$` also matches before a final newline). Only the flags PCRE
 * shares are accepted; the delimiter is one the source does not contain, so nothing needs escaping.
 * tests/plugins/patterns.test.ts runs both sides on the same values.
 */
export function toPcre(regex: RegExp): string {
  const flags = regex.flags.split('');
  const unsupported = flags.filter((flag) => flag !== 'u' && flag !== 'i');
  if (unsupported.length) throw new Error(`${regex}: flags ${unsupported.join('')} have no PCRE equivalent`);
  const delimiter = delimiters.find((candidate) => !regex.source.includes(candidate));
  if (!delimiter) throw new Error(`${regex}: no free delimiter for PCRE`);
  return `${delimiter}${regex.source}${delimiter}D${flags.sort().join('')}`;
}

export type PhpValue = string | number | boolean | null | readonly PhpValue[] | { [key: string]: PhpValue };

/** A PHP array literal in the given style, laid out one entry a line with `indent` per level. */
export function phpArray(
  value: readonly PhpValue[] | { [key: string]: PhpValue },
  style: { open: string; close: string; indent: string; pad?: string },
  depth = 0,
): string {
  const entries = Array.isArray(value)
    ? (value as readonly PhpValue[]).map((item) => [undefined, item] as const)
    : Object.entries(value).map(([key, item]) => [key, item] as const);
  const literal = (item: PhpValue): string =>
    item === null
      ? 'null'
      : typeof item === 'string'
        ? phpString(item)
        : typeof item === 'number' || typeof item === 'boolean'
          ? String(item)
          : phpArray(item, style, depth + 1);
  // Short lists of scalars stay on one line.
  if (Array.isArray(value) && entries.every(([, item]) => typeof item !== 'object' || item === null)) {
    const inline = `${style.open}${style.pad ?? ''}${entries.map(([, item]) => literal(item)).join(', ')}${style.pad ?? ''}${style.close}`;
    if (inline.length <= 80) return inline;
  }
  if (!entries.length) return `${style.open}${style.close}`;
  const inner = style.indent.repeat(depth + 1);
  const lines = entries.map(
    ([key, item]) => `${inner}${key === undefined ? '' : `${phpString(key)} => `}${literal(item)},`,
  );
  return `${style.open}\n${lines.join('\n')}\n${style.indent.repeat(depth)}${style.close}`;
}
