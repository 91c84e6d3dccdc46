import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/translate.ts';
import { Skeleton } from '../kit/states.tsx';
import { paths } from '../routes.ts';
import { serverSession, sessionChecked } from '../session.ts';
import { accessKitMessages } from './access-kit.messages.ts';

/** The console's client, loaded with the first call (its schemas stay out of the first screen). */
export const loadApi = () => import('../api.ts').then((module) => module.api);

/** Shows `children` to a signed-in person; otherwise the way to sign in (and back here after). */
export function SignedIn({ children }: { children: () => ComponentChildren }) {
  const { t } = useT(accessKitMessages);
  if (!sessionChecked.value) return <Skeleton lines={2} />;
  if (serverSession.value === null) {
    const next = typeof location === 'undefined' ? '' : `?next=${encodeURIComponent(location.pathname)}`;
    return (
      <section class="panel" aria-labelledby="signed-out">
        <h2 id="signed-out">{t('signedOutTitle')}</h2>
        <p>{t('signedOutText')}</p>
        <a class="button button--primary" href={`${paths.signIn}${next}`}>
          {t('signIn')}
        </a>
      </section>
    );
  }
  return <>{children()}</>;
}

/** A date and time in the reader's language. */
export function formatInstant(language: string, iso: string | null): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
