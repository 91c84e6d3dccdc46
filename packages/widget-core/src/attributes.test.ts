import { describe, expect, it } from 'vitest';
import {
  AttributeError,
  boolean,
  number,
  oneOf,
  optionalString,
  organizationId,
  parseAttributes,
  requiredString,
} from './attributes.ts';

const spec = {
  org: requiredString(/^[a-z0-9-]+$/),
  variant: oneOf(['compact', 'full'], 'compact'),
  limit: number(5),
  showLogo: boolean(false),
  title: optionalString(),
};

function host(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild as Element;
}

describe('attribute parsing', () => {
  it('reads flat data-* attributes with plain values', () => {
    expect(
      parseAttributes(
        host(
          '<div data-org="demo-school" data-variant="FULL" data-limit="3" data-show-logo data-title=" Hi "></div>',
        ),
        spec,
      ),
    ).toEqual({ org: 'demo-school', variant: 'full', limit: 3, showLogo: true, title: 'Hi' });
  });

  it('applies defaults for absent or unknown values', () => {
    expect(
      parseAttributes(host('<div data-org="x" data-variant="huge" data-limit="many"></div>'), spec),
    ).toEqual({
      org: 'x',
      variant: 'compact',
      limit: 5,
      showLogo: false,
      title: undefined,
    });
    expect(parseAttributes(host('<div data-org="x" data-show-logo="no"></div>'), spec).showLogo).toBe(false);
  });

  it('reads plain attributes on custom elements', () => {
    expect(
      parseAttributes(host('<otklik-x org="demo" variant="full" show-logo="yes"></otklik-x>'), spec),
    ).toMatchObject({
      org: 'demo',
      variant: 'full',
      showLogo: true,
    });
  });

  it('rejects a missing or invalid required value', () => {
    expect(() => parseAttributes(host('<div></div>'), spec)).toThrow(AttributeError);
    expect(() => parseAttributes(host('<div data-org="  "></div>'), spec)).toThrow('data-org is required');
    expect(() => parseAttributes(host('<div data-org="Bad Org"></div>'), spec)).toThrow('not valid');
  });

  it('checks an optional value only when it is there', () => {
    const slug = { sphere: optionalString(/^[a-z]+$/) };
    expect(parseAttributes(host('<div></div>'), slug)).toEqual({ sphere: undefined });
    expect(parseAttributes(host('<div data-sphere=" health "></div>'), slug)).toEqual({ sphere: 'health' });
    expect(() => parseAttributes(host('<div data-sphere="Health!"></div>'), slug)).toThrow(
      'data-sphere="Health!" is not valid',
    );
  });

  it('takes the organisation ids the client takes, and no other', () => {
    const org = { org: organizationId() };
    for (const id of ['demo-school', 'a', '7', `a${'b'.repeat(62)}c`])
      expect(parseAttributes(host(`<div data-org="${id}"></div>`), org)).toEqual({ org: id });
    // A trailing or leading hyphen, capitals, 65 characters: the portal would answer 422.
    for (const id of ['demo-', '-demo', 'Demo', `a${'b'.repeat(63)}c`])
      expect(() => parseAttributes(host(`<div data-org="${id}"></div>`), org)).toThrow(AttributeError);
  });
});
