import qrcode from 'qrcode-generator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { download, makeQr, pathOf, pngFile, pngScale, QUIET_ZONE, svgBlob, svgFile } from './draw.ts';

const URL_TEXT = 'https://portal.example/r/demo-school';

/** Paints the path's `M x y h n v 1 h -n z` rectangles back into a module grid (quiet zone included). */
function decodePath(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const pattern = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;
  let consumed = 0;
  for (const match of path.matchAll(pattern)) {
    const [x, y, run, back] = match.slice(1).map(Number) as [number, number, number, number];
    expect(back).toBe(run);
    for (let i = 0; i < run; i++) {
      const row = grid[y] as boolean[];
      expect(row[x + i], `module ${x + i},${y} painted twice`).toBe(false);
      row[x + i] = true;
    }
    consumed += match[0].length;
  }
  expect(consumed, 'the path holds nothing but rectangles').toBe(path.length);
  return grid;
}

describe('QR drawing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('encodes the URL exactly as qrcode-generator does, module by module', () => {
    const image = makeQr(URL_TEXT);
    const reference = qrcode(0, 'M');
    reference.addData(URL_TEXT, 'Byte');
    reference.make();
    const n = reference.getModuleCount();
    expect(image.modules).toBe(n);
    expect(image.size).toBe(n + 2 * QUIET_ZONE);
    const grid = decodePath(image.path, image.size);
    for (let row = 0; row < image.size; row++)
      for (let column = 0; column < image.size; column++) {
        const inside =
          row >= QUIET_ZONE && column >= QUIET_ZONE && row < n + QUIET_ZONE && column < n + QUIET_ZONE;
        const expected = inside && reference.isDark(row - QUIET_ZONE, column - QUIET_ZONE);
        expect(grid[row]?.[column], `module ${column},${row}`).toBe(expected);
      }
    // A version-3 symbol (29 modules) holds this URL at level M.
    expect(n).toBe(29);
  });

  it('merges horizontal runs into one rectangle each', () => {
    expect(
      pathOf([
        [true, true, false, true],
        [false, false, false, false],
        [true, true, true, true],
      ]),
    ).toBe('M4 4h2v1h-2zM7 4h1v1h-1zM4 6h4v1h-4z');
  });

  it('writes a standalone SVG file whose path is the matrix, 10 px per module', async () => {
    const image = makeQr(`${URL_TEXT}?lang=be&x=<1>`);
    const text = svgFile(image);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('width')).toBe(String(image.size * 10));
    expect(svg.getAttribute('height')).toBe(String(image.size * 10));
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${image.size} ${image.size}`);
    expect(svg.querySelector('title')?.textContent).toBe(`${URL_TEXT}?lang=be&x=<1>`);
    expect(svg.querySelector('path')?.getAttribute('d')).toBe(image.path);
    const blob = svgBlob(image);
    expect(blob.type).toBe('image/svg+xml');
    expect(await blob.text()).toBe(text);
  });

  it('paints the PNG on a canvas from the matrix', async () => {
    const image = makeQr(URL_TEXT);
    const rects: number[][] = [];
    const context = { fillStyle: '', fillRect: (...args: number[]) => rects.push(args) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      context as unknown as CanvasRenderingContext2D,
    );
    let canvas: HTMLCanvasElement | undefined;
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (
      this: HTMLCanvasElement,
      callback,
      type,
    ) {
      canvas = this;
      callback(new Blob(['png'], { type: type ?? 'image/png' }));
    });
    const blob = await pngFile(image);
    expect(blob.type).toBe('image/png');
    const scale = pngScale(image);
    expect(scale * image.size).toBeGreaterThanOrEqual(600);
    expect(canvas?.width).toBe(image.size * scale);
    expect(canvas?.height).toBe(image.size * scale);
    const [background, ...modules] = rects;
    expect(background).toEqual([0, 0, image.size * scale, image.size * scale]);
    const dark = image.dark.flat().filter(Boolean).length;
    expect(modules).toHaveLength(dark);
    for (const [x, y, w, h] of modules) {
      expect([w, h]).toEqual([scale, scale]);
      const column = (x as number) / scale - QUIET_ZONE;
      const row = (y as number) / scale - QUIET_ZONE;
      expect(image.dark[row]?.[column]).toBe(true);
    }
  });

  it('saves through an object URL and a temporary <a download> inside the given parent', () => {
    const blob = new Blob(['x'], { type: 'image/svg+xml' });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
    const clicked: { href: string; download: string; parent: Node | null }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, parent: this.parentNode });
    });
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    download(blob, 'otklik-qr-demo-school.svg', root);
    expect(created).toHaveBeenCalledWith(blob);
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'otklik-qr-demo-school.svg', parent: root }]);
    expect(root.querySelector('a')).toBeNull();
  });
});
