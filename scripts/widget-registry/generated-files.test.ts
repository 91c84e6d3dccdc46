import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneOf, type WidgetName, widgetNames, widgets } from '../../widgets.registry.ts';
import { diagnoseRules } from './diagnose.ts';
import { generatedFiles, repoRoot } from './generated-files.ts';
import { joomlaRegistry } from './joomla.ts';
import { optionRule, type WidgetRule, widgetRules } from './rules.ts';
import { withLabelTranslations, wordpressWidgets } from './wordpress.ts';

describe('files generated from the widget registry', () => {
  const files = generatedFiles();

  it.each([...files.keys()])('%s is committed as `pnpm build` generates it', (path) => {
    const committed = readFileSync(resolve(repoRoot, path), 'utf8');
    expect(
      committed === files.get(path),
      `${path} differs from what widgets.registry.ts generates: run \`pnpm build\` (or \`pnpm exec tsx scripts/generate-widget-files.ts\`), and change the registry rather than the file`,
    ).toBe(true);
  });

  it('each widget package exports exactly its widgets’ entry modules', () => {
    const exported: Record<string, string> = {};
    const packages = readdirSync(resolve(repoRoot, 'packages')).filter(
      (folder) => folder.startsWith('widget-') && folder !== 'widget-core',
    );
    for (const folder of packages) {
      const manifest = JSON.parse(
        readFileSync(resolve(repoRoot, 'packages', folder, 'package.json'), 'utf8'),
      );
      for (const [subpath, target] of Object.entries(manifest.exports as Record<string, string>))
        exported[`${folder}/${subpath.slice(2)}`] = target.replace(/^\.\//, `${folder}/`);
    }
    expect(exported).toEqual(
      Object.fromEntries(
        widgetNames.map((name) => [`${widgets[name].module.split('/')[0]}/${name}`, widgets[name].module]),
      ),
    );
  });
});

describe('a widget added to the registry', () => {
  // What one more row gives every generated list.
  const poll: WidgetRule = {
    name: 'poll' as WidgetName,
    needsOrg: false,
    options: [optionRule('choice', oneOf('yes', 'no'))],
    label: { en: 'Poll', ru: 'Опрос', be: 'Апытанне' },
  };
  const rules = [...widgetRules(), poll];

  it('is in diagnose’s rules, the WordPress whitelist and labels, and the Joomla whitelist', () => {
    expect(diagnoseRules(rules)).toContain(
      "  poll: {\n    org: false,\n    options: {\n      choice: { pattern: /^(?:yes|no)$/, values: ['yes', 'no'] },\n    },\n  },",
    );
    const wordpress = wordpressWidgets(rules);
    expect(wordpress).toContain(
      "\t\t'poll' => array(\n\t\t\t'org' => false,\n\t\t\t'options' => array(\n\t\t\t\t'choice' => array(\n\t\t\t\t\t'pattern' => '/^(?:yes|no)$/D',",
    );
    expect(wordpress).toContain("\t\t'poll' => __( 'Poll', 'otklik' ),");
    const translations = withLabelTranslations(
      readFileSync(resolve(repoRoot, 'plugins/wordpress/otklik/languages/otklik-bel.l10n.php'), 'utf8'),
      rules,
      'be',
    );
    expect(translations).toContain("\t\t'Poll' => 'Апытанне',\n");
    expect(joomlaRegistry(rules)).toContain(
      "        'poll' => [\n            'org' => false,\n            'options' => [\n                'choice' => [\n                    'pattern' => '/^(?:yes|no)$/D',",
    );
  });
});
