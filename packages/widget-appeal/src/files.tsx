/**
 * The files of an appeal, its answer or a message, as buttons that download them. The portal wants
 * the appeal's secret as `Authorization: Bearer` (never in a URL, where it would reach logs and
 * history), so a plain link cannot work: the file is fetched and handed to the browser as a
 * temporary object URL.
 */
import { type AttachmentRef, getAppealAttachmentRoute } from '@otklik/client';
import { type Language, portalOf, reportError, type WidgetConfig } from '@otklik/widget-core';
import { useState } from 'preact/hooks';
import { sizeText } from './ui.tsx';

type Translate = (key: 'attachments' | 'downloadFailed') => string;

export interface FilesProps {
  files: readonly AttachmentRef[];
  appealId: string;
  secret: string;
  config: WidgetConfig;
  host: HTMLElement;
  lang: Language;
  t: Translate;
}

export function Files({ files, appealId, secret, config, host, lang, t }: FilesProps) {
  const [failed, setFailed] = useState(false);
  if (files.length === 0) return null;

  async function download(file: AttachmentRef, button: HTMLElement) {
    setFailed(false);
    try {
      const { baseUrl, fetch: fetcher = fetch } = portalOf(config);
      const path = getAppealAttachmentRoute.path
        .replace('{appealId}', encodeURIComponent(appealId))
        .replace('{attachmentId}', encodeURIComponent(file.id));
      const response = await fetcher(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${secret}` } });
      if (!response.ok) throw new Error(`Download failed with status ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const save = document.createElement('a');
      save.href = url;
      save.download = file.name;
      // Inside the widget's shadow root, so nothing is added to the host page's document.
      button.after(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setFailed(true);
      reportError(host, 'appeal-status', error);
    }
  }

  return (
    <div class="files">
      <p class="muted">{t('attachments')}</p>
      <ul>
        {files.map((file) => (
          <li key={file.id}>
            <button
              type="button"
              class="link"
              onClick={(event) => download(file, event.currentTarget as HTMLElement)}
            >
              {file.name}
            </button>{' '}
            <span class="hint">{sizeText(lang, file.size)}</span>
          </li>
        ))}
      </ul>
      {failed && (
        <p class="error" role="alert">
          {t('downloadFailed')}
        </p>
      )}
    </div>
  );
}
