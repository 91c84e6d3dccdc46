/**
 * Every file generated from the registry, as repository path → content: `pnpm build` writes them
 * (scripts/generate-widget-files.ts) and a test checks that the committed copies match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnoseRules, diagnoseRulesFile } from './diagnose.ts';
import { joomlaRegistry, joomlaRegistryFile } from './joomla.ts';
import { widgetExports, withExports } from './package-exports.ts';
import { widgetRules } from './rules.ts';
import {
  withLabelTranslations,
  wordpressTranslations,
  wordpressWidgets,
  wordpressWidgetsFile,
} from './wordpress.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

const read = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');

export function generatedFiles(): Map<string, string> {
  const rules = widgetRules();
  const files = new Map<string, string>([
    [diagnoseRulesFile, diagnoseRules(rules)],
    [joomlaRegistryFile, joomlaRegistry(rules)],
    [wordpressWidgetsFile, wordpressWidgets(rules)],
  ]);
  // Files with a generated part: the labels' translations, the packages' exports.
  for (const [path, language] of Object.entries(wordpressTranslations))
    files.set(path, withLabelTranslations(read(path), rules, language));
  for (const [folder, exports] of widgetExports()) {
    const path = `packages/${folder}/package.json`;
    files.set(path, withExports(read(path), exports));
  }
  return files;
}

/** Writes the generated files that changed; returns their paths. */
export function writeGeneratedFiles(): string[] {
  const written: string[] = [];
  for (const [path, content] of generatedFiles()) {
    let current: string | undefined;
    try {
      current = read(path);
    } catch {}
    if (current === content) continue;
    writeFileSync(resolve(repoRoot, path), content);
    written.push(path);
  }
  return written;
}
