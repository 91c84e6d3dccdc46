import { useT } from '../i18n/translate.ts';
import { PageHeader } from '../kit/page-header.tsx';
import { paths } from '../routes.ts';
import { notFoundMessages } from './not-found.messages.ts';

export default function NotFound() {
  const { t } = useT(notFoundMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('text')} />
      <p>
        <a href={paths.home}>{t('home')}</a>
      </p>
    </>
  );
}
