import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetNames, widgets } from '../../widgets.registry.ts';
import { generatedFiles, repoRoot } from './generated-files.ts';

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
