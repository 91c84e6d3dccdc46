/**
 * Styles live in constructable stylesheets adopted by each widget's shadow root: no `<style>` elements,
 * no `style` attributes, nothing global, so strict CSP (`style-src` without 'unsafe-inline') and
 * Trusted Types work. Hosts theme the widgets through the `--otklik-*` custom properties, which
 * inherit into the shadow tree.
 */

/**
 * Theme tokens and their defaults. Sizes are in px so the host's root font size does not matter.
 * Text and inputs default to 16 px: readable for older citizens, and mobile Safari does not zoom into
 * a field of 16 px or more when it takes the focus; a host sets `--otklik-font-size` for its own.
 * `:host { all: initial }` loses to any page rule that matches the host element (`div { … }`; outer
 * styles win over `:host`), so the typography is also set on the shadow root's top-level elements,
 * which no page rule can reach. The custom properties still inherit, which is how hosts theme.
 * The lines end in `\` (a line continuation: no newline in the string): every byte of this text is in
 * the runtime chunk every widget page downloads.
 */
export const baseCss = `\
:host{all:initial;display:block;\
--_fg:var(--otklik-color-text,#1f2328);--_bg:var(--otklik-color-background,#fff);\
--_muted:var(--otklik-color-muted,#59636e);--_accent:var(--otklik-color-accent,#0b57d0);\
--_border:var(--otklik-color-border,#d1d9e0);--_danger:var(--otklik-color-danger,#b3261e);\
--_radius:var(--otklik-radius,8px);--_gap:var(--otklik-spacing,8px);\
--_size:var(--otklik-font-size,16px);\
--_font:var(--otklik-font-family,system-ui,sans-serif)}\
:host,:host>*{font:var(--_size)/1.45 var(--_font);color:var(--_fg);text-align:start}\
:host>*{letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;white-space:normal;visibility:visible}\
:host([hidden]){display:none}\
:host([data-contrast=high]){--_fg:#000;--_bg:#fff;--_muted:#000;--_accent:#000;\
--_border:#000;--_danger:#000;--_size:max(var(--otklik-font-size,16px),20px)}\
:host([data-contrast=high]) .box{border-width:2px}\
@media (prefers-contrast:more){:host{--_fg:#000;--_bg:#fff;--_muted:#000;--_accent:#000;\
--_border:#000;--_danger:#000}}\
*,::before,::after{box-sizing:border-box}\
.box{background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);padding:calc(var(--_gap)*1.5)}\
.muted{color:var(--_muted)}\
.error{color:var(--_danger);margin:0}\
a{color:var(--_accent)}\
:focus-visible{outline:3px solid var(--_accent);outline-offset:2px}\
@media (prefers-reduced-motion:reduce){*,::before,::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}\
@media (forced-colors:active){.box{border-color:CanvasText}}`;

const cache = new Map<string, CSSStyleSheet>();

/** A constructable stylesheet for `css`, created once per text and shared by every shadow root. */
export function sheet(css: string): CSSStyleSheet {
  let result = cache.get(css);
  if (!result) {
    result = new CSSStyleSheet();
    result.replaceSync(css);
    cache.set(css, result);
  }
  return result;
}
