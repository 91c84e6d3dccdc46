/** The widget packages' `exports`: one subpath per widget, `./NAME` → its entry module. */
import { type WidgetName, widgetNames, widgets } from '../../widgets.registry.ts';

/** Package folder (`widget-rate`) → its widgets' exports, in registry order. */
export function widgetExports(): Map<string, Record<string, string>> {
  const byPackage = new Map<string, Record<string, string>>();
  for (const name of widgetNames) {
    const [folder, ...path] = widgets[name as WidgetName].module.split('/');
    const exports = byPackage.get(folder as string) ?? {};
    exports[`./${name}`] = `./${path.join('/')}`;
    byPackage.set(folder as string, exports);
  }
  return byPackage;
}

/** `package.json` text with its `exports` replaced (the other fields and their order kept). */
export function withExports(packageJson: string, exports: Record<string, string>): string {
  const manifest = JSON.parse(packageJson) as Record<string, unknown>;
  if (!('exports' in manifest)) throw new Error('package.json has no "exports" to replace');
  manifest.exports = exports;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
