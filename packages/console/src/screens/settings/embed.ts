/**
 * The embed builder's snippets, from the widget registry: the HTML mount point, the Joomla and the
 * WordPress shortcodes (the syntax of docs/guides/joomla.*.md and wordpress.*.md).
 */

/** A chosen widget with its options, in the registry's order (empty values left out). */
export interface Embed {
  widget: string;
  org: string | null;
  options: readonly [string, string][];
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const filled = (embed: Embed): [string, string][] => [
  ...(embed.org ? [['org', embed.org] as [string, string]] : []),
  ...embed.options.filter(([, value]) => value !== ''),
];

/** `<div data-otklik="appeal" data-org="…"></div>` */
export function htmlSnippet(embed: Embed): string {
  const attributes = filled(embed)
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<div data-otklik="${embed.widget}"${attributes}></div>`;
}

/** The loader, once per page. */
export const loaderSnippet = (portalOrigin: string) =>
  `<script src="${portalOrigin}/otklik.js" defer></script>`;

/** `{otklik appeal org=demo-school}`; a value with a space or a brace is quoted. */
export function joomlaShortcode(embed: Embed): string {
  const parts = filled(embed).map(([name, value]) =>
    /^[^\s"{}]+$/.test(value) ? `${name}=${value}` : `${name}="${value.replace(/"/g, '&quot;')}"`,
  );
  return `{otklik ${[embed.widget, ...parts].join(' ')}}`;
}

/** `[otklik type="appeal" org="demo-school"]` */
export function wordpressShortcode(embed: Embed): string {
  const parts = [['type', embed.widget] as [string, string], ...filled(embed)].map(
    ([name, value]) => `${name}="${value.replace(/"/g, '&quot;').replace(/\]/g, '&#93;')}"`,
  );
  return `[otklik ${parts.join(' ')}]`;
}

/** The preview page's address: the same widget on a blank page of the portal. */
export function previewUrl(embed: Embed): string {
  const query = new URLSearchParams([['widget', embed.widget], ...filled(embed)]);
  return `/embed-preview?${query.toString()}`;
}
