import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

/**
 * Comparing a widget on two pages (a plain one and one with the host CSS under test): computed styles
 * of every element in its shadow root, and pixels. Used by hostile-css.test.ts and frameworks.test.ts.
 */

/** Computed styles that host CSS would change through inheritance or matching. */
export const comparedProperties = [
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'color',
  'box-sizing',
  'display',
  'padding-top',
  'padding-left',
  'border-top-width',
  'border-top-color',
  'visibility',
];

/** Computed styles of every element in the shadow root of the mount `selector`, in document order. */
export function shadowStyles(
  page: Page,
  selector: string,
  properties = comparedProperties,
): Promise<string[]> {
  return page.locator(selector).evaluate((host, properties) => {
    const out: string[] = [];
    const walk = (node: Element | ShadowRoot, path: string) => {
      for (const [i, child] of Array.from(node.children).entries()) {
        if (child.tagName === 'STYLE' || child.tagName === 'LINK') continue;
        const here = `${path}>${child.tagName.toLowerCase()}${child.id ? `#${child.id}` : ''}[${i}]`;
        const style = getComputedStyle(child);
        out.push(`${here} ${properties.map((p) => `${p}:${style.getPropertyValue(p)}`).join('; ')}`);
        walk(child, here);
      }
    };
    if (host.shadowRoot) walk(host.shadowRoot, '');
    return out;
  }, properties);
}

/** Per-property differences between two style dumps, readable in an assertion message. */
export function styleDiff(plain: string[], other: string[]): string[] {
  const diffs: string[] = [];
  if (plain.length !== other.length) diffs.push(`element count ${plain.length} ≠ ${other.length}`);
  for (let i = 0; i < Math.min(plain.length, other.length); i++) {
    const [path, ...a] = (plain[i] as string).split(' ');
    const b = (other[i] as string).split(' ').slice(1);
    const pa = a.join(' ').split('; ');
    const pb = b.join(' ').split('; ');
    for (let j = 0; j < pa.length; j++) if (pa[j] !== pb[j]) diffs.push(`${path}: ${pa[j]} → ${pb[j]}`);
  }
  return diffs;
}

/**
 * Pixels of two screenshots that differ by more than a little anti-aliasing, and an image showing them
 * in red.
 */
export function pixelDiff(
  a: Buffer,
  b: Buffer,
): { size: string; differing: number; ratio: number; image?: PNG } {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) {
    return { size: `${pa.width}×${pa.height} ≠ ${pb.width}×${pb.height}`, differing: -1, ratio: 1 };
  }
  const out = new PNG({ width: pa.width, height: pa.height });
  let differing = 0;
  const { width, height } = pa;
  for (let i = 0; i < pa.data.length; i += 4) {
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    // The outermost pixel row and column are left out: the element may sit at a fractional position on
    // one page (the host's text above it), so its edge pixels blend with what is around it.
    const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
    const delta = Math.max(
      Math.abs((pa.data[i] as number) - (pb.data[i] as number)),
      Math.abs((pa.data[i + 1] as number) - (pb.data[i + 1] as number)),
      Math.abs((pa.data[i + 2] as number) - (pb.data[i + 2] as number)),
    );
    const bad = !edge && delta > 16;
    if (bad) differing++;
    out.data[i] = bad ? 255 : (pa.data[i] as number) / 3;
    out.data[i + 1] = bad ? 0 : (pa.data[i + 1] as number) / 3;
    out.data[i + 2] = bad ? 0 : (pa.data[i + 2] as number) / 3;
    out.data[i + 3] = 255;
  }
  return {
    size: `${pa.width}×${pa.height}`,
    differing,
    ratio: differing / (pa.width * pa.height),
    image: out,
  };
}
