import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvStream } from './csv.ts';

describe('csv', () => {
  it('quotes only what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvCell('Школа № 1')).toBe('Школа № 1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
    expect(csvRow(['a', 4.25, null], 'semicolon')).toBe('a;4,25;\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const formula of ['=1+1', '+7 900', '-5 баллов', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    // Numbers are data, never formulas; text in the middle of a cell is left alone.
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('streams chunks as UTF-8 and stops the source when the reader cancels', async () => {
    let finished = false;
    async function* chunks() {
      try {
        yield 'ж,';
        yield 'z\r\n';
        yield 'never read';
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(chunks()).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('ж,');
    await reader.cancel();
    expect(finished).toBe(true);
    expect(await new Response(csvStream(chunks())).text()).toBe('ж,z\r\nnever read');
  });
});
