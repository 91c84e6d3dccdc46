/**
 * The dom tests' waits (`findBy…`, `waitFor`) end at their outcome; their default 1 s limit only
 * decides when a slow run counts as failed. Screens load lazily, and on a loaded 2-core CI machine a
 * chunk's import alone was seen to take over a second: 5 s keeps that a pass and a real miss a failure.
 */
import { LANGUAGES } from '@otklik/widget-core';
import { configure } from '@testing-library/preact';
import { loadRefusals } from '../kit/refusals.ts';

configure({ asyncUtilTimeout: 5_000 });

// The console's refusal texts, as kit/refusals.ts loads the reader's with the first screen (all three
// here, for tests in every language); kit/refusals-loading.test.tsx checks the moment before they arrive.
await Promise.all(LANGUAGES.map(loadRefusals));
