/**
 * QR drawing, imported by the `qr` widget with a dynamic `import()` only when someone asks for the
 * code (drawing costs tens of milliseconds and qrcode-generator ~10 KB gzip): a lazy chunk.
 *
 * No markup strings reach the DOM (strict CSP with Trusted Types): the widget renders the SVG `path`
 * computed here as a Preact element, and the PNG is painted on a canvas module by module. The SVG
 * *file* offered for download is text, but it only ever goes into a Blob.
 */
import qrcode from 'qrcode-generator';

/** Light modules around the code (the quiet zone the QR specification asks for). */
export const QUIET_ZONE = 4;

export interface QrImage {
  /** What the code encodes. */
  text: string;
  /** Modules per side of the symbol, without the quiet zone. */
  modules: number;
  /** Modules per side including the quiet zone on both sides: the SVG's `viewBox` size. */
  size: number;
  /** `dark[row][column]`, without the quiet zone. */
  dark: boolean[][];
  /** SVG path data of the dark modules in `viewBox` units (one unit per module), quiet zone included. */
  path: string;
}

/**
 * Encodes `text` (error correction M, the smallest version that fits). Text must be ASCII:
 * qrcode-generator's byte mode keeps the low byte of each character, so URLs are passed in their
 * serialised form (`new URL(…).href`: punycode host, percent-encoded path).
 */
export function makeQr(text: string): QrImage {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const modules = code.getModuleCount();
  const dark: boolean[][] = [];
  for (let row = 0; row < modules; row++) {
    const line: boolean[] = [];
    for (let column = 0; column < modules; column++) line.push(code.isDark(row, column));
    dark.push(line);
  }
  return { text, modules, size: modules + 2 * QUIET_ZONE, dark, path: pathOf(dark) };
}

/** One closed rectangle per horizontal run of dark modules: `M x y h n v 1 h -n z`. */
export function pathOf(dark: readonly (readonly boolean[])[]): string {
  let path = '';
  dark.forEach((line, row) => {
    let column = 0;
    while (column < line.length) {
      if (!line[column]) {
        column++;
        continue;
      }
      const start = column;
      while (line[column]) column++;
      const run = column - start;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
    }
  });
  return path;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch] ?? ch);

/** A standalone SVG file of the code, 10 px per module, black on white, with the URL as its title. */
export function svgFile(image: QrImage): string {
  const { size } = image;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size * 10}" height="${size * 10}" ` +
    `viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<title>${escapeXml(image.text)}</title>` +
    `<rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${image.path}" fill="#000"/></svg>\n`
  );
}

/** Pixels per module of the PNG: at least 8, and at least 600 px per side. */
export const pngScale = (image: QrImage) => Math.max(8, Math.ceil(600 / image.size));

/** A PNG of the code painted on a canvas from the module matrix (quiet zone included). */
export function pngFile(image: QrImage, scale = pngScale(image)): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = image.size * scale;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('No 2D canvas'));
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  image.dark.forEach((line, row) => {
    line.forEach((isDark, column) => {
      if (isDark) context.fillRect((column + QUIET_ZONE) * scale, (row + QUIET_ZONE) * scale, scale, scale);
    });
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/**
 * Saves `blob` as `filename` through an object URL and a temporary `<a download>` placed in `parent`
 * (the widget's shadow root: nothing is added to the host page's DOM).
 */
export function download(blob: Blob, filename: string, parent: Node): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  parent.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after the click's task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const svgBlob = (image: QrImage) => new Blob([svgFile(image)], { type: 'image/svg+xml' });
