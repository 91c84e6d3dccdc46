import { describe, expect, it } from 'vitest';
import { phpArray, phpString, toPcre } from './php.ts';

describe('PHP source from JavaScript values', () => {
  it('writes single-quoted strings with only backslashes and quotes escaped', () => {
    expect(phpString(`it's a \\d $x "y"`)).toBe(`'it\\'s a \\\\d $x "y"'`);
  });

  it('turns a regular expression into a PCRE pattern anchored like JavaScript’s', () => {
    expect(toPcre(/^[a-z]+$/)).toBe('/^[a-z]+$/D');
    expect(toPcre(/^[^<>]{1,2}$/iu)).toBe('/^[^<>]{1,2}$/Diu');
    // A delimiter the source does not contain.
    expect(toPcre(/^https:\/\/[a-z/]+$/)).toBe('#^https:\\/\\/[a-z/]+$#D');
    expect(toPcre(/^[/#~%!]$/)).toBe('@^[/#~%!]$@D');
  });

  it('refuses flags and sources PCRE cannot take as they are', () => {
    expect(() => toPcre(/^a$/g)).toThrow(/flags g/);
    expect(() => toPcre(/^a$/m)).toThrow(/flags m/);
    expect(() => toPcre(/^[/#~%!@]$/)).toThrow(/no free delimiter/);
  });

  it('lays arrays out one entry a line, short lists of scalars on one', () => {
    const style = { open: 'array(', close: ')', indent: '\t', pad: ' ' };
    expect(phpArray({ a: true, b: { c: ['x', 'y'], d: null }, e: {} }, style)).toBe(
      "array(\n\t'a' => true,\n\t'b' => array(\n\t\t'c' => array( 'x', 'y' ),\n\t\t'd' => null,\n\t),\n\t'e' => array(),\n)",
    );
    expect(phpArray([1, 'two'], { open: '[', close: ']', indent: '    ' })).toBe("[1, 'two']");
  });
});
