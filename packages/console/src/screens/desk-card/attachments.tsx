import type { AttachmentRef } from '@otklik/client/schemas';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n/translate.ts';
import { toast } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { useRefusal } from '../../kit/errors.ts';
import { loadApi } from '../access-kit.tsx';
import { cardMessages } from './card.messages.ts';
import { saveFile } from './card-data.ts';

const previewable = (type: string) => type.startsWith('image/') || type === 'application/pdf';
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The appeal's files: each downloads as an attachment; images and PDFs also preview inside the card
 * from a `blob:` copy (an `<img>`, or a sandboxed frame with nothing allowed), never running content.
 */
export function Attachments({ appealId, files }: { appealId: string; files: readonly AttachmentRef[] }) {
  const { t } = useT(cardMessages);
  if (files.length === 0) return null;
  return (
    <div class="card-attachments">
      <h3>{t('attachments')}</h3>
      <ul class="card-attachment-list">
        {files.map((file) => (
          <Attachment key={file.id} appealId={appealId} file={file} />
        ))}
      </ul>
    </div>
  );
}

function Attachment({ appealId, file }: { appealId: string; file: AttachmentRef }) {
  const { t } = useT(cardMessages);
  const [url, setUrl] = useState<string | null>(null);
  // The refusal in words (the file gone, no rights, no connection), not a bare "that did not work".
  const refusal = useRefusal();
  const failed = (error: unknown) => toast(refusal(error), 'error');
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const toggle = async () => {
    if (url) return setUrl(null);
    try {
      const blob = (await (await loadApi()).getStaffAppealAttachment(appealId, file.id)) as Blob;
      setUrl(URL.createObjectURL(blob));
    } catch (error) {
      failed(error);
    }
  };
  return (
    <li class="card-attachment">
      <span class="card-attachment-name">
        {file.name} <span class="card-muted">({size(file.size)})</span>
      </span>
      <span class="form-actions">
        {previewable(file.mediaType) && (
          <Button variant="secondary" onClick={() => void toggle()} aria-expanded={url ? 'true' : 'false'}>
            {url ? t('hidePreview') : t('preview')}
            <span class="visually-hidden"> {file.name}</span>
          </Button>
        )}
        <Button variant="secondary" onClick={() => void saveFile(appealId, file.id, file.name).catch(failed)}>
          {t('download')}
          <span class="visually-hidden"> {file.name}</span>
        </Button>
      </span>
      {url &&
        (file.mediaType.startsWith('image/') ? (
          <img class="card-preview-image" src={url} alt={t('previewOf', { name: file.name })} />
        ) : (
          <div>
            <iframe
              class="card-preview-frame"
              sandbox=""
              src={url}
              title={t('previewOf', { name: file.name })}
            />
            <p class="card-muted">{t('pdfFallback')}</p>
          </div>
        ))}
    </li>
  );
}
