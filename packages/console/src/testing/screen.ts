/**
 * The frame every screen's dom tests share: before each test the console in Russian and, given `who`,
 * signed in as them; after each the screen unmounted, stubbed globals (fetch) restored and nobody
 * signed in, so no test sees another's session or portal. Call at the top of a test file.
 */
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { applySession } from '../session.ts';
import { signInForTest, type TestSession } from './session.ts';

export function useScreenTest(who?: TestSession): void {
  beforeEach(() => {
    setLanguage('ru');
    if (who) signInForTest(who);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    applySession(null);
  });
}
