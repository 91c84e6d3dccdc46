/** Types the rating form's parts share. */
import type { Translator } from '@otklik/widget-core';
import type { rateMessages } from './messages.ts';

export type T = Translator<keyof (typeof rateMessages)['ru']>;

/** The identity step's chunk, loaded only for organisations that ask for identification. */
export type IdentityModule = typeof import('@otklik/widget-core/identity');
