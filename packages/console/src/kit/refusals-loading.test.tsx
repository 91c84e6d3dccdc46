import { createTranslator } from '@otklik/widget-core';
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kitMessages } from './kit.messages.ts';
import beTexts from './refusals/be.ts';
import ruTexts from './refusals/ru.ts';

afterEach(cleanup);

/**
 * Fresh copies of the modules, no texts loaded yet (the dom setup loads the shared copies' texts), the
 * reader in Russian, and a refusal of the fresh client's (its error class is checked by identity).
 */
async function fresh() {
  vi.resetModules();
  const language = await import('../i18n/language.ts');
  language.setLanguage('ru');
  const [client, errors, refusals, states] = await Promise.all([
    import('@otklik/client'),
    import('./errors.ts'),
    import('./refusals.ts'),
    import('./states.tsx'),
  ]);
  const closed = new client.OtklikProblemError({
    type: 'https://otklik.dev/problems/conflict',
    title: 'Conflict',
    status: 409,
    code: 'conflict',
    reason: 'appeal-closed',
    detail: 'English detail',
  });
  return { ...language, ...errors, ...refusals, ...states, closed };
}

const kit = { ru: createTranslator(kitMessages, 'ru'), be: createTranslator(kitMessages, 'be') };

describe('refusal texts loaded by language', () => {
  it('the reader’s language only; another is said by the status’s sentence, never the raw reason, until it arrives', async () => {
    const { errorText, loadRefusals, closed } = await fresh();
    // Loading with the module: the reader's language.
    await loadRefusals('ru');
    expect(errorText(kit.ru, closed)).toBe(ruTexts['appeal-closed']);
    // Belarusian was not loaded: the status's sentence (asking starts its load).
    const before = errorText(kit.be, closed);
    expect(before).toBe(kit.be.t('errorConflict'));
    expect(before).not.toContain('appeal-closed');
    expect(before).not.toContain('English');
    expect(await loadRefusals('be')).toEqual(beTexts);
    expect(errorText(kit.be, closed)).toBe(beTexts['appeal-closed']);
  });

  it('an error state follows a language switch to the new language’s words', async () => {
    const { ErrorState, setLanguage, closed } = await fresh();
    render(<ErrorState error={closed} onRetry={() => undefined} />);
    await screen.findByText(ruTexts['appeal-closed']);
    act(() => setLanguage('be'));
    await screen.findByText(beTexts['appeal-closed']);
    expect(screen.getByRole('alert').textContent).not.toContain('appeal-closed');
  });
});
