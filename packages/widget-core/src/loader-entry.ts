/** Entry of the `otklik.js` IIFE build; `__OTKLIK_WIDGETS__` and `__OTKLIK_VERSION__` are injected. */
import { installLoader, type WidgetFiles } from './loader.ts';

declare const __OTKLIK_WIDGETS__: WidgetFiles;
declare const __OTKLIK_VERSION__: string;

try {
  const script = document.currentScript as HTMLScriptElement | null;
  installLoader({
    window,
    // `currentScript` is null only if the loader is itself imported as a module; fall back to the page.
    scriptUrl: script?.src || location.href,
    widgets: __OTKLIK_WIDGETS__,
    version: __OTKLIK_VERSION__,
  });
} catch (error) {
  console.warn('[otklik] loader failed', error);
}
