/**
 * CSV as spreadsheet programs open it safely: RFC 4180 quoting and CRLF line ends, a UTF-8 byte
 * order mark (without it Excel reads UTF-8 as the ANSI code page and Cyrillic turns to mojibake),
 * and text that a spreadsheet would run as a formula neutralised (OWASP "CSV injection").
 */

/** Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

export const UTF8_BOM = '\uFEFF';

/**
 * `comma` is RFC 4180. `semicolon` is what Excel expects with Russian or Belarusian regional
 * settings, where the comma is the decimal mark: numbers are then written with a decimal comma.
 */
export type CsvSeparator = 'comma' | 'semicolon';

export type CsvCell = string | number | null;

/** One cell: text starting like a formula gets an apostrophe (shown as text, not run). */
export function csvCell(value: CsvCell, separator: CsvSeparator = 'comma'): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const text = String(value);
    return separator === 'semicolon' ? text.replace('.', ',') : text;
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvRow(cells: readonly CsvCell[], separator: CsvSeparator = 'comma'): string {
  return `${cells.map((cell) => csvCell(cell, separator)).join(separator === 'comma' ? ',' : ';')}\r\n`;
}

/** A streamed response body from chunks of CSV text, pulled one at a time (the client's pace). */
export function csvStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
