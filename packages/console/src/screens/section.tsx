import { useT } from '../i18n/translate.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState } from '../kit/states.tsx';
import { type SectionId, sections } from '../routes.ts';
import { shellMessages } from '../shell/shell.messages.ts';
import { homeMessages } from './home.messages.ts';
import { sectionMessages } from './section.messages.ts';

/** A section whose screen has not landed yet: its name, what it will hold, and where to go meanwhile. */
export default function SectionPlaceholder({ section }: { section: SectionId }) {
  const { t } = useT(sectionMessages);
  const shell = useT(shellMessages);
  const home = useT(homeMessages);
  const label = sections.find((s) => s.id === section)?.label ?? 'nav.queue';
  return (
    <>
      <PageHeader title={shell.t(label)} description={home.t(`about.${section}`)} />
      <EmptyState
        title={t('emptyTitle')}
        action={
          <a class="button button--secondary" href="/v1/docs">
            {t('apiLink')}
          </a>
        }
      >
        <p>{t('emptyText')}</p>
      </EmptyState>
    </>
  );
}
