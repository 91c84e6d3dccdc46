/**
 * The dom tests' waits (`findBy…`, `waitFor`) end at their outcome; their default 1 s limit only
 * decides when a slow run counts as failed. Screens load lazily, and on a loaded 2-core CI machine a
 * chunk's import alone was seen to take over a second: 5 s keeps that a pass and a real miss a failure.
 */
import { configure } from '@testing-library/preact';

configure({ asyncUtilTimeout: 5_000 });
