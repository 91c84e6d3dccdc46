import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type OptionSpec,
  organizationId,
  sharedOptions,
  widgetNames,
  widgets,
} from '../../widgets.registry.ts';
import { widgetEntries } from '../build-widgets.ts';
import { budgets, lazyOnly } from '../size-report.ts';
import { optionRule, widgetRules } from './rules.ts';

const root = resolve(import.meta.dirname, '../..');
const entries = (spec: { options: Readonly<Record<string, OptionSpec>> }) => Object.entries(spec.options);

describe('the widget registry', () => {
  it('names each widget as a data-otklik value and a custom element suffix', () => {
    expect(widgetNames.length).toBeGreaterThan(0);
    for (const name of widgetNames) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    // The loader's own module has that name.
    expect(widgetNames).not.toContain('diagnose');
  });

  it('points each widget at an entry module of a widget package', () => {
    for (const name of widgetNames) {
      const folder = widgets[name].module.split('/')[0] as string;
      expect(existsSync(resolve(root, 'packages', widgets[name].module)), name).toBe(true);
      expect(existsSync(resolve(root, 'packages', folder, 'package.json')), name).toBe(true);
    }
  });

  it('gives every option a plain name, distinct from the mount attributes and the shared options', () => {
    for (const name of widgetNames)
      for (const [option] of entries(widgets[name])) {
        expect(option, name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        expect(['otklik', 'org', 'type', ...Object.keys(sharedOptions)], `${name}: ${option}`).not.toContain(
          option,
        );
      }
  });

  it('has keywords in lowercase and an example each pattern accepts', () => {
    const options = [
      ...Object.entries(sharedOptions),
      ...widgetNames.flatMap((name) => entries(widgets[name])),
    ];
    for (const [name, spec] of options) {
      const rule = optionRule(name, spec);
      if ('values' in spec) {
        for (const value of spec.values) {
          expect(value, name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
          expect(rule.pattern.test(value), `${name}: ${value}`).toBe(true);
        }
        expect(rule.pattern.test(`${spec.values[0]}x`), name).toBe(false);
        expect(rule.pattern.test(`x|${spec.values[0]}`), name).toBe(false);
      } else {
        expect(spec.pattern.test(spec.example), `${name}: ${spec.example}`).toBe(true);
        // Anchored at both ends: nothing may be added before or after a valid value.
        expect(spec.pattern.source.startsWith('^') && spec.pattern.source.endsWith('$'), name).toBe(true);
        expect(spec.pattern.test(`${spec.example}\n`), name).toBe(false);
        // Stateless, and only flags the PHP plugins can reproduce.
        expect(spec.pattern.flags, name).toMatch(/^[iu]*$/);
      }
    }
  });

  it('takes the organisation id pattern from the client, without a trailing hyphen', () => {
    expect(['demo-school', '123', 'a'].map((id) => organizationId.test(id))).toEqual([true, true, true]);
    expect(['demo-', '-demo', 'Demo', 'a'.repeat(65), ''].map((id) => organizationId.test(id))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('labels every widget in Russian, Belarusian and English', () => {
    for (const rule of widgetRules())
      for (const language of ['en', 'ru', 'be'] as const)
        expect(rule.label[language].trim(), rule.name).not.toBe('');
  });
});

describe('what the registry drives', () => {
  it('the build entries: every widget and the troubleshooter', () => {
    expect(Object.keys(widgetEntries).sort()).toEqual([...widgetNames, 'diagnose'].sort());
    for (const name of widgetNames) expect(widgetEntries[name]).toBe(`packages/${widgets[name].module}`);
  });

  it('the size budgets: the loader and every widget', () => {
    expect(Object.keys(budgets).sort()).toEqual(['loader', ...widgetNames].sort());
    expect(budgets.loader).toBe(2);
    for (const name of widgetNames) expect(budgets[name]).toBeGreaterThan(0);
    expect(lazyOnly.qr?.map((code) => code.label)).toEqual(['qrcode-generator']);
    expect(lazyOnly['org-search']?.map((code) => code.label)).toEqual(['Leaflet']);
  });
});
