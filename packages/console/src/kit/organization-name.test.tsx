import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OrganizationName } from './organization-name.tsx';

afterEach(cleanup);

const FULL = 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»';

function rendered(shortName: string | null) {
  const { container } = render(
    <button type="button">
      <OrganizationName name={FULL} shortName={shortName} />
    </button>,
  );
  return container.querySelector('button') as HTMLElement;
}

describe('OrganizationName', () => {
  it('gives the short name for narrow screens, hidden from screen readers, with the full name kept', () => {
    const button = rendered(' СШ № 1 ');
    const short = button.querySelector('.org-name-short');
    expect(short?.textContent).toBe('СШ № 1');
    expect(short?.getAttribute('aria-hidden')).toBe('true');
    expect(short?.getAttribute('title')).toBe(FULL);
    expect(button.querySelector('.org-name-full')?.textContent).toBe(FULL);
  });

  it('is the full name alone when the short one is missing, blank or the same', () => {
    for (const shortName of [null, '  ', FULL]) {
      const button = rendered(shortName);
      expect(button.textContent).toBe(FULL);
      expect(button.querySelector('span')).toBeNull();
      cleanup();
    }
  });
});
