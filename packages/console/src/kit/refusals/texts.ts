import type { ProblemReason } from '@otklik/client';

/**
 * What the console says for each reason the portal gives a refusal (`PROBLEM_REASONS` in the contract):
 * what happened and what to do, in the person's language. The portal's `detail` is English text for
 * developers and is never shown here. A reason the contract adds must get its text in all three
 * languages (the type and refusals.test.ts insist).
 */
export type RefusalTexts = Readonly<Record<ProblemReason, string>>;
