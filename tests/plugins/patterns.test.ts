import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPcre } from '../../scripts/widget-registry/php.ts';
import { organizationId, widgetRules } from '../../scripts/widget-registry/rules.ts';

/**
 * The CMS plugins check values with PCRE patterns converted from the registry's JavaScript ones
 * (scripts/widget-registry/php.ts): PHP must accept exactly what JavaScript accepts, on valid values
 * and on the near misses around them.
 */
function phpAvailable(): boolean {
  if (spawnSync('php', ['--version']).status === 0) return true;
  if (process.env.CI === 'true') throw new Error('php not found: install it (apt-get install php-cli)');
  console.warn('php not found: the PCRE pattern checks are skipped. Install it: apt-get install php-cli');
  return false;
}

/** Valid values and the near misses around them. */
function probes(valid: readonly string[]): string[] {
  const around = valid.flatMap((value) => [
    value,
    value.toUpperCase(),
    `${value}\n`,
    `\n${value}`,
    ` ${value}`,
    `${value}x`,
    `${value}"`,
    `${value}<b>`,
    `${value}é`,
    `${value}-`,
    `-${value}`,
    `${value}${value}`.slice(0, 300),
  ]);
  return [
    ...around,
    '',
    ' ',
    '-',
    'a',
    'é',
    '©',
    'ы',
    '"',
    "'",
    '<',
    'a'.repeat(64),
    'a'.repeat(65),
    'x'.repeat(300),
  ];
}

describe.skipIf(!phpAvailable())('PCRE patterns of the CMS plugins', () => {
  const patterns = new Map<string, { regex: RegExp; valid: string[] }>([
    ['organisation id', { regex: organizationId, valid: ['demo-school', '123', 'a1-b2'] }],
  ]);
  const seen = new Set<string>();
  for (const widget of widgetRules())
    for (const option of widget.options) {
      if (seen.has(String(option.pattern))) continue;
      seen.add(String(option.pattern));
      patterns.set(`${option.name} (${widget.name})`, {
        regex: option.pattern,
        valid: option.values ? [...option.values] : [option.example ?? ''],
      });
    }

  it.each([...patterns.keys()])('%s: PHP matches what JavaScript matches', (label) => {
    const { regex, valid } = patterns.get(label) as { regex: RegExp; valid: string[] };
    const values = probes(valid);
    const pcre = toPcre(regex);
    const output = execFileSync('php', [resolve(import.meta.dirname, 'pcre-run.php')], {
      input: JSON.stringify(values.map((value) => [pcre, value])),
      encoding: 'utf8',
    });
    const php = JSON.parse(output) as boolean[];
    expect(
      values.map((value, i) => [value, php[i]]),
      pcre,
    ).toEqual(values.map((value) => [value, regex.test(value)]));
    // The probes reach both answers.
    expect(php).toContain(true);
    expect(php).toContain(false);
  });
});
