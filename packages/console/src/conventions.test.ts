import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the console's CSP and architecture forbid, caught in the source before a browser run would:
 * no `style` attributes (style-src 'self'), no HTML strings into the DOM (Trusted Types with no
 * policy), no eval, and no network call except through `@otklik/client`.
 */
const root = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const rules: { name: string; pattern: RegExp }[] = [
  { name: 'a style attribute or prop', pattern: /\bstyle\s*=\s*[{"']|setAttribute\(\s*['"]style['"]/ },
  {
    name: 'HTML from a string',
    pattern: /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/,
  },
  { name: 'eval', pattern: /\beval\s*\(|new\s+Function\s*\(/ },
  {
    name: 'a network call not through @otklik/client',
    pattern: /\bfetch\s*\(|XMLHttpRequest|new\s+EventSource|navigator\.sendBeacon/,
  },
];

describe('console source conventions', () => {
  const files = sources(root);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const { name, pattern } of rules)
    it(`no ${name}`, () => {
      const found = files.flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            pattern.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
      expect(found).toEqual([]);
    });

  it('the rules catch what they are for (a control)', () => {
    const bad = [
      '<div style={{ color: "red" }} />',
      'el.innerHTML = text',
      'eval(code)',
      'await fetch("/v1/x")',
    ];
    expect(bad.map((line) => rules.filter((r) => r.pattern.test(line)).map((r) => r.name))).toEqual([
      ['a style attribute or prop'],
      ['HTML from a string'],
      ['eval'],
      ['a network call not through @otklik/client'],
    ]);
  });
});
