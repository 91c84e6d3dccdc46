/** The applicant the public intake tests file as: Belarusian, to `demo-by`, which asks for a full name and address. */
import { DEMO_CONSENT } from '../seed/demo.ts';

/** Karalenka's name and postal address, with the e-mail address a test tells apart. */
const belarusianApplicant = (email: string) => ({
  surname: 'Караленка',
  firstName: 'Алесь',
  patronymic: 'Іванавіч',
  email,
  postalAddress: 'г. Мінск, вул. Леніна, 1',
});

/** An application in Belarusian by that applicant, consent given; `extra` adds fields or replaces them. */
export const belarusianAppeal = (
  email: string,
  proofOfWork: unknown,
  extra: Record<string, unknown> = {},
) => ({
  type: 'application',
  language: 'be',
  applicant: belarusianApplicant(email),
  text: 'Прашу растлумачыць парадак.',
  consent: { version: DEMO_CONSENT.version, accepted: true },
  proofOfWork,
  ...extra,
});
