/**
 * Writes the files generated from the widget registry (widgets.registry.ts): diagnose's rules, the
 * Joomla and WordPress plugins' whitelists, the labels' translations and the widget packages' exports.
 * Run: `pnpm exec tsx scripts/generate-widget-files.ts` (the first step of `pnpm build`).
 */
import { writeGeneratedFiles } from './widget-registry/generated-files.ts';

const written = writeGeneratedFiles();
console.log(written.length ? `generated: ${written.join(', ')}` : 'generated files up to date');
