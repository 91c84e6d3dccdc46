/** The organisation takes appeals on its own site: a link there instead of the form. */
import type { T } from '../types.ts';

export function Handoff({ t, url }: { t: T; url: string }) {
  // The host as configured (`обращения.бел`), not `URL.host`, which gives punycode.
  const where = url.replace(/^[a-z][\w+.-]*:\/\//i, '').split(/[/?#]/)[0] || url;
  return (
    <section class="box appeal" aria-labelledby="handoff-title">
      <h2 id="handoff-title">{t.t('handoffTitle')}</h2>
      <p>{t.t('handoff')}</p>
      {url && (
        <p>
          <a href={url} rel="noopener">
            {t.t('handoffLink', { host: where })}
          </a>
        </p>
      )}
    </section>
  );
}
