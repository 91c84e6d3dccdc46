/** Types the rating form and its lazily loaded identity step share. */
import type { RatingFormSettings } from '@otklik/client';
import type { Language, Portal, Translator } from '@otklik/widget-core';
import type { rateMessages } from './messages.ts';

export type T = Translator<keyof (typeof rateMessages)['ru']>;

/** An identity confirmed by an e-mail code or an OpenID Connect login. */
export type Verified = { token: string; email: string };

export interface IdentityStepProps {
  lang: Language;
  portal: Portal;
  organizationId: string;
  settings: RatingFormSettings;
  /** The organisation requires a confirmed identity to rate. */
  required: boolean;
  /** The form's error for the step ("confirm your address"), shown on its current field. */
  error?: string | undefined;
  verified: Verified | null;
  onVerified: (verified: Verified | null) => void;
  signal: AbortSignal;
}

/** The identity step's chunk, loaded only for organisations that ask for identification. */
export type IdentityModule = typeof import('./identity.tsx');
