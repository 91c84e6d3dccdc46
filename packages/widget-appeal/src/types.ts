/** Types the appeal form, the tracker and their parts share. */
import type { OptionsOf, Translator, WidgetProps } from '@otklik/widget-core';
import type { formMessages } from './form-messages.ts';
import type { attributes } from './ui.tsx';

export type Options = OptionsOf<typeof attributes>;
export type Props = WidgetProps<Options>;
export type T = Translator<keyof (typeof formMessages)['ru']>;
/** The identity step's chunk, loaded only for organisations that require an identity. */
export type IdentityModule = typeof import('@otklik/widget-core/identity');
