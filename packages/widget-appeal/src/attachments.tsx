/**
 * The attachments section of the appeal form: pick files, see each upload's progress, remove them.
 * Files are checked here (count, size, type) for quick, clear messages; the portal checks again
 * from the content. Uploads start at once, so sending the appeal only waits for what is left.
 */
import type { AppealFormSettings, AttachmentUpload } from '@otklik/client';
import { retryMinutes } from '@otklik/widget-core';
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from './types.ts';
import { sizeText } from './ui.tsx';
import type { UploadError } from './upload.ts';

type Rules = AppealFormSettings['attachments'];
type Uploader = typeof import('./upload.ts');

interface Item {
  key: number;
  name: string;
  size: number;
  lastModified: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
  upload?: AttachmentUpload;
  controller: AbortController;
  done: Promise<void>;
}

/** What the form asks when sending: the ids, once every upload has finished; throws if one failed. */
export interface AttachmentsHandle {
  settled(): Promise<string[]>;
}

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
};
const extensionsOf = (rules: Rules) => rules.mediaTypes.flatMap((type) => EXTENSIONS[type] ?? []);
/** Browsers leave `File.type` empty for some files; the extension decides then. */
function acceptable(file: File, rules: Rules): boolean {
  if (file.type && rules.mediaTypes.includes(file.type)) return true;
  const name = file.name.toLowerCase();
  return extensionsOf(rules).some((ext) => name.endsWith(ext));
}

/** Whether `item` is the same file as `file` (name, size and modification time). */
const sameFile = (item: Item, file: File) =>
  item.name === file.name && item.size === file.size && item.lastModified === file.lastModified;
/** The files that take one of the places: a file whose upload failed or was refused frees its own. */
const taking = (items: Item[]) => items.filter((item) => item.state !== 'failed');

export function Attachments(props: {
  t: T;
  rules: Rules;
  baseUrl: string;
  organizationId: string;
  handle: MutableRef<AttachmentsHandle | null>;
  disabled: boolean;
}) {
  const { t, rules, baseUrl, organizationId } = props;
  const [items, setItems] = useState<Item[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState('');
  const list = useRef<Item[]>([]);
  const nextKey = useRef(1);
  const uploader = useRef<Promise<Uploader> | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLButtonElement>(null);

  const commit = (next: Item[]) => {
    list.current = next;
    setItems(next);
  };
  const update = (key: number, change: Partial<Item>) =>
    commit(list.current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  useEffect(() => {
    props.handle.current = {
      async settled() {
        await Promise.all(list.current.map((item) => item.done));
        if (list.current.some((item) => item.state !== 'done')) throw new Error('attachments');
        return list.current.flatMap((item) => (item.upload ? [item.upload.id] : []));
      },
    };
    return () => {
      props.handle.current = null;
      for (const item of list.current) item.controller.abort();
    };
  }, []);

  const failure = (error: unknown) => {
    const e = error as UploadError;
    if (e.status === 413) return t.t('fileTooLarge', { size: sizeText(t.lang, rules.maxFileBytes) });
    if (e.status === 415) return t.t('fileRefused');
    if (e.status === 429) return t.t('rateLimited', { count: retryMinutes(e.retryAfter) });
    return t.t('uploadFailed');
  };

  function start(file: File) {
    const key = nextKey.current++;
    const controller = new AbortController();
    uploader.current ??= import('./upload.ts');
    const done = uploader.current
      .then((m) =>
        m.uploadFile(baseUrl, organizationId, file, (p) => update(key, { progress: p }), controller.signal),
      )
      .then(
        (upload) => {
          update(key, { state: 'done', progress: 1, upload });
          setAnnouncement(t.t('fileUploaded', { name: file.name }));
        },
        (error: unknown) => {
          if ((error as UploadError).kind === 'aborted') return;
          const message = failure(error);
          update(key, { state: 'failed', error: message });
          setAnnouncement(`${file.name}: ${message}`);
        },
      );
    return {
      key,
      name: file.name,
      size: file.size,
      lastModified: file.lastModified,
      progress: 0,
      state: 'uploading' as const,
      controller,
      done,
    };
  }

  function choose(event: Event) {
    const target = event.currentTarget as HTMLInputElement;
    const chosen = [...(target.files ?? [])];
    target.value = '';
    const problems: string[] = [];
    const added: Item[] = [];
    // A file attached again after its upload failed takes the failed one's line.
    const retried = new Set<number>();
    for (const file of chosen) {
      const failedBefore = list.current.find((item) => item.state === 'failed' && sameFile(item, file));
      if (failedBefore) retried.add(failedBefore.key);
      if ([...taking(list.current), ...added].some((item) => sameFile(item, file))) {
        problems.push(`${file.name}: ${t.t('fileDuplicate')}`);
        continue;
      }
      if (taking(list.current).length + added.length >= rules.maxFiles) {
        problems.push(t.t('tooManyFiles', { count: rules.maxFiles }));
        break;
      }
      if (!acceptable(file, rules)) problems.push(`${file.name}: ${t.t('fileType')}`);
      else if (file.size > rules.maxFileBytes)
        problems.push(`${file.name}: ${t.t('fileTooLarge', { size: sizeText(t.lang, rules.maxFileBytes) })}`);
      else if (file.size === 0) problems.push(`${file.name}: ${t.t('fileEmpty')}`);
      else added.push(start(file));
    }
    commit([...list.current.filter((item) => !retried.has(item.key)), ...added]);
    setError(problems.join(' '));
    if (added.length && !problems.length) setAnnouncement(t.t('filesAdded', { count: added.length }));
  }

  function remove(item: Item) {
    item.controller.abort();
    if (item.upload)
      void uploader.current?.then((m) => item.upload && m.deleteUpload(baseUrl, organizationId, item.upload));
    commit(list.current.filter((other) => other.key !== item.key));
    setAnnouncement(t.t('fileRemoved', { name: item.name }));
    picker.current?.focus();
  }

  const types = extensionsOf(rules);
  const full = taking(items).length >= rules.maxFiles;
  const described = `f-attachments-hint${error ? ' f-attachments-error' : ''}`;
  return (
    <fieldset class="files">
      <legend>{t.t('attachments')}</legend>
      <div class="field">
        {/* The native input says "No file chosen" in the browser's language: a button in the widget's
            language opens it instead; the input stays out of sight and out of the tab order. */}
        <input
          ref={input}
          id="f-attachments"
          class="sr"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          accept={[...rules.mediaTypes, ...types].join(',')}
          disabled={props.disabled || full}
          onChange={choose}
        />
        <div class="row">
          <button
            ref={picker}
            type="button"
            id="f-attachments-button"
            disabled={props.disabled || full}
            aria-describedby={described}
            onClick={() => input.current?.click()}
          >
            {t.t('chooseFiles')}
          </button>
        </div>
        <p id="f-attachments-hint" class="hint">
          {t.t('filesHint', {
            count: rules.maxFiles,
            size: sizeText(t.lang, rules.maxFileBytes),
            types: types.map((ext) => ext.slice(1).toUpperCase()).join(', '),
          })}
        </p>
        {error && (
          <p id="f-attachments-error" class="error">
            {error}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ul class="file-list">
          {items.map((item) => (
            <li key={item.key} class={`file ${item.state}`}>
              <div class="file-info">
                <span class="pre">{item.name}</span> <span class="hint">{sizeText(t.lang, item.size)}</span>
                {item.state === 'uploading' && (
                  <progress
                    max={100}
                    value={Math.round(item.progress * 100)}
                    aria-label={t.t('uploading', { name: item.name })}
                  />
                )}
                {item.state === 'done' && <span class="hint">{t.t('uploaded')}</span>}
                {item.state === 'failed' && <span class="error">{item.error}</span>}
              </div>
              <button
                type="button"
                onClick={() => remove(item)}
                aria-label={t.t('removeFile', { name: item.name })}
              >
                {t.t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="sr" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
