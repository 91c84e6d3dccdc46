import { useT } from '../i18n/translate.ts';
import { Button } from '../kit/button.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { shellMessages } from './shell.messages.ts';

/**
 * In place of a screen whose code did not load (a dropped connection, or a deploy since this page was
 * opened: the old chunk names are gone) or which failed while rendering. Reloading fetches the current
 * console.
 */
export function ScreenFailed() {
  const { t } = useT(shellMessages);
  return (
    <>
      <PageHeader title={t('screenFailedTitle')} />
      <div class="error-state" role="alert">
        <p>{t('screenFailedText')}</p>
        <Button variant="secondary" onClick={() => location.reload()}>
          {t('reload')}
        </Button>
      </div>
    </>
  );
}
