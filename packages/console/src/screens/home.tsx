import { useT } from '../i18n/translate.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { paths, sectionsFor } from '../routes.ts';
import { session } from '../session.ts';
import { shellMessages } from '../shell/shell.messages.ts';
import { homeMessages } from './home.messages.ts';
import { DueAtAGlance, readsAppeals } from './home-due.tsx';

/**
 * The first screen: what the console is for and, signed out, only the way in (every section would ask
 * to sign in first); signed in, what is due in the organisation for the person's roles (to those who
 * read its appeals), then the sections their roles open.
 */
export default function Home() {
  const { t } = useT(homeMessages);
  const shell = useT(shellMessages);
  const current = session.value;
  if (current === null) {
    return (
      <>
        <PageHeader title={t('title')} description={t('intro')} />
        <section class="panel" aria-labelledby="home-sign-in">
          <h2 id="home-sign-in">{t('signInTitle')}</h2>
          <p>{t('signInText')}</p>
          <a class="button button--primary" href={paths.signIn}>
            {t('signInAction')}
          </a>
        </section>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {readsAppeals(current.roles) && (
        <DueAtAGlance organizationId={current.organization.id} roles={current.roles} />
      )}
      {current.roles.has('administrator') && (
        <section class="panel" aria-labelledby="home-organization">
          <h2 id="home-organization">{t('adminTitle')}</h2>
          <ul>
            <li>
              <a href={paths.people}>{t('adminPeople')}</a>
            </li>
            <li>
              <a href={paths.apiKeys}>{t('adminKeys')}</a>
            </li>
            <li>
              <a href={paths.auditLog}>{t('adminAudit')}</a>
            </li>
            <li>
              <a href={paths.webhooks}>{t('adminWebhooks')}</a>
            </li>
          </ul>
        </section>
      )}
      <section aria-labelledby="home-sections">
        <h2 id="home-sections">{t('sectionsTitle')}</h2>
        <ul class="card-list">
          {sectionsFor(current.roles).map((section) => (
            <li key={section.id} class="card">
              <h3 class="card-title">
                <a href={section.path}>{shell.t(section.label)}</a>
              </h3>
              <p>
                {section.id === 'queue'
                  ? queueAbout(current.roles)
                      .map((key) => t(key))
                      .join(' ')
                  : t(`about.${section.id}`)}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/**
 * What the queue card says: the queue lists all the organisation's appeals to everyone who may read
 * them; the "Mine" and "Awaiting my approval" tabs are there only for an executor and an approver.
 */
export function queueAbout(roles: ReadonlySet<string>) {
  return [
    'about.queue' as const,
    ...(roles.has('executor') ? ['about.queueMine' as const] : []),
    ...(roles.has('approver') ? ['about.queueAwaiting' as const] : []),
  ];
}
