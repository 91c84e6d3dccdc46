/**
 * The file uploader, loaded with `import()` when the citizen picks the first file, so the form page
 * does not carry it. XMLHttpRequest rather than fetch: only XHR reports upload progress.
 */
import { type AttachmentUpload, deleteUploadRoute, uploadAttachmentRoute } from '@otklik/client';

export interface UploadError {
  kind: 'problem' | 'network' | 'aborted';
  status: number;
  code?: string;
  retryAfter?: number;
}

const urlOf = (baseUrl: string, path: string) => new URL(path, `${baseUrl.replace(/\/+$/, '')}/`).href;

/** Sends one file as multipart/form-data (field `file`); `onProgress` gets 0…1. */
export function uploadFile(
  baseUrl: string,
  organizationId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<AttachmentUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const fail = (error: UploadError) => reject(Object.assign(new Error(error.kind), error));
    xhr.open(
      'POST',
      urlOf(
        baseUrl,
        uploadAttachmentRoute.path.replace('{organizationId}', encodeURIComponent(organizationId)),
      ),
    );
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { code?: string } & Partial<AttachmentUpload> = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {}
      if (xhr.status === 201 && typeof body.id === 'string') {
        onProgress(1);
        return resolve(body as AttachmentUpload);
      }
      const retryAfter = Number(xhr.getResponseHeader('Retry-After'));
      fail({
        kind: 'problem',
        status: xhr.status,
        ...(body.code ? { code: body.code } : {}),
        ...(retryAfter > 0 ? { retryAfter } : {}),
      });
    };
    xhr.onerror = () => fail({ kind: 'network', status: 0 });
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => fail({ kind: 'aborted', status: 0 });
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Best effort: the portal deletes an unreferenced upload after a day anyway. */
export function deleteUpload(baseUrl: string, organizationId: string, upload: AttachmentUpload): void {
  const path = deleteUploadRoute.path
    .replace('{organizationId}', encodeURIComponent(organizationId))
    .replace('{uploadId}', upload.id);
  fetch(urlOf(baseUrl, path), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${upload.uploadToken}` },
  }).catch(() => {});
}
