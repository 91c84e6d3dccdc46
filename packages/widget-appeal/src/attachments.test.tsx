import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import widget from './appeal.tsx';
import { challenge, fakePortal, receipt, settingsFor } from './test-portal.ts';

const solveChallenge = vi.hoisted(() => vi.fn(async (c: Record<string, unknown>) => ({ ...c, number: 42 })));
vi.mock('@otklik/client', async (original) => ({ ...(await original<object>()), solveChallenge }));

const SETTINGS = 'GET /v1/organizations/demo-school/widget-settings';
const CHALLENGE = 'POST /v1/organizations/demo-school/challenges';
const FILE = 'POST /v1/organizations/demo-school/appeals';
const UPLOAD_ID = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** A stand-in for XMLHttpRequest that the test drives: progress, then the portal's answer. */
class FakeXhr {
  static all: FakeXhr[] = [];
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  responseType = '';
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    {
      onprogress: null,
    };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.all.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
  }
  getResponseHeader() {
    return null;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(fetch: typeof globalThis.fetch) {
  document.body.innerHTML = '<div data-otklik="appeal" data-org="demo-school" data-lang="en"></div>';
  const el = document.body.firstElementChild as HTMLElement;
  const ready = vi.fn();
  el.addEventListener('otklik:ready', ready);
  widget.mount(el, { portalUrl: 'https://portal.example', fetch });
  return { root: el.shadowRoot as ShadowRoot, ready };
}
function choose(root: ShadowRoot, files: File[]) {
  const input = root.querySelector('#f-attachments') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
const pdf = (name = 'letter.pdf', size = 2048) =>
  new File([new Uint8Array(size).fill(0x25)], name, { type: 'application/pdf' });
function fill(root: ShadowRoot) {
  const set = (selector: string, value: string) => {
    const input = root.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  set('#f-applicant-surname', 'Ivanova');
  set('#f-applicant-firstName', 'Maria');
  set('#f-applicant-patronymic', 'Petrovna');
  set('#f-applicant-email', 'maria@example.by');
  set('#f-applicant-postalAddress', 'Minsk, Lenina 1');
  set('#f-text', 'The canteen food is cold.');
  for (const selector of ['input[value="complaint"]', '#f-consent']) {
    const input = root.querySelector(selector) as HTMLInputElement;
    input.checked = true;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
const submit = async (root: ShadowRoot) => {
  await flush();
  root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
};

beforeEach(() => {
  FakeXhr.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  history.replaceState(null, '', '/appeals');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('appeal form attachments', () => {
  it('is absent when the organisation takes no files', async () => {
    const settings = settingsFor('by-300z', {
      attachments: { maxFiles: 0, maxFileBytes: 1, mediaTypes: [] },
    });
    const { root, ready } = mount(fakePortal({ [SETTINGS]: settings, [CHALLENGE]: challenge }).fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    expect(root.querySelector('#f-attachments')).toBeNull();
  });

  it('checks, uploads with progress, announces, and sends the ids with the appeal once uploaded', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const input = root.querySelector('#f-attachments') as HTMLInputElement;
    // A button in the widget's language, not the native "No file chosen"; the input is out of sight,
    // out of the tab order and hidden from screen readers, and the button opens it.
    const picker = root.querySelector('#f-attachments-button') as HTMLButtonElement;
    expect(text(picker)).toBe('Attach files');
    expect(input.type).toBe('file');
    expect(input.accept).toBe('application/pdf,.pdf');
    expect([input.tabIndex, input.getAttribute('aria-hidden'), input.className]).toEqual([-1, 'true', 'sr']);
    const opened = vi.fn();
    input.addEventListener('click', opened);
    picker.click();
    expect(opened).toHaveBeenCalledOnce();
    expect(picker.getAttribute('aria-describedby')).toBe('f-attachments-hint');
    expect(text(root.querySelector('#f-attachments-hint'))).toMatch(
      /^Up to 5 files, at most 9\.5 MB each: PDF\.$/,
    );

    // Refused before any upload: a wrong type and an oversized file; the PDF goes.
    choose(root, [
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
      pdf('huge.pdf', 10_000_001),
      pdf(),
    ]);
    await flush();
    expect(text(root.querySelector('#f-attachments-error'))).toBe(
      'setup.exe: files of this type are not accepted. huge.pdf: the file is larger than 9.5 MB.',
    );
    expect(picker.getAttribute('aria-describedby')).toBe('f-attachments-hint f-attachments-error');
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    const xhr = FakeXhr.all[0] as FakeXhr;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('https://portal.example/v1/organizations/demo-school/attachments');
    expect((xhr.body?.get('file') as File).name).toBe('letter.pdf');

    const progress = root.querySelector('progress') as HTMLProgressElement;
    expect(progress.getAttribute('aria-label')).toBe('Uploading letter.pdf');
    xhr.progress(1024, 2048);
    await flush();
    expect((root.querySelector('progress') as HTMLProgressElement).getAttribute('value')).toBe('50');

    // Sending waits for the upload.
    fill(root);
    await submit(root);
    await flush();
    expect(portal.of(FILE)).toHaveLength(0);
    xhr.respond(201, {
      id: UPLOAD_ID,
      name: 'letter.pdf',
      mediaType: 'application/pdf',
      size: 2048,
      uploadToken: 't'.repeat(32),
    });
    await vi.waitFor(() => expect(portal.of(FILE)).toHaveLength(1));
    expect((portal.of(FILE)[0]?.body as { attachmentIds: string[] }).attachmentIds).toEqual([UPLOAD_ID]);
  });

  it('announces uploads and removals; a refused upload stops sending with a clear message', async () => {
    const portal = fakePortal({
      [SETTINGS]: settingsFor('by-300z'),
      [CHALLENGE]: challenge,
      [FILE]: receipt,
    });
    const { root, ready } = mount(portal.fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    choose(root, [pdf('a.pdf'), pdf('b.pdf')]);
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    const [a, b] = FakeXhr.all as [FakeXhr, FakeXhr];
    a.respond(201, {
      id: UPLOAD_ID,
      name: 'a.pdf',
      mediaType: 'application/pdf',
      size: 2048,
      uploadToken: 't'.repeat(32),
    });
    await flush();
    const live = root.querySelector('.files [aria-live="polite"]');
    expect(text(live)).toBe('a.pdf uploaded');
    b.respond(415, { code: 'unsupported-media-type' });
    await flush();
    expect(text(root.querySelectorAll('.file')[1])).toContain('the file was refused');

    fill(root);
    await submit(root);
    await vi.waitFor(() =>
      expect(text(root.querySelector('.alert'))).toBe(
        'Not every file is uploaded. Remove the files with an error or attach them again.',
      ),
    );
    expect(portal.of(FILE)).toHaveLength(0);

    // Remove the refused file (by keyboard-reachable button with its own name), then send.
    const remove = root.querySelector('button[aria-label="Remove b.pdf"]') as HTMLButtonElement;
    remove.click();
    await flush();
    expect(text(live)).toBe('b.pdf removed');
    expect(root.querySelectorAll('.file')).toHaveLength(1);
    expect(root.activeElement?.id).toBe('f-attachments-button');
    await submit(root);
    await vi.waitFor(() => expect(portal.of(FILE)).toHaveLength(1));
    expect((portal.of(FILE)[0]?.body as { attachmentIds: string[] }).attachmentIds).toEqual([UPLOAD_ID]);
  });

  it('refuses more files than allowed and disables the picker when full', async () => {
    const settings = settingsFor('by-300z', {
      attachments: { maxFiles: 2, maxFileBytes: 10_000_000, mediaTypes: ['application/pdf'] },
    });
    const { root, ready } = mount(fakePortal({ [SETTINGS]: settings, [CHALLENGE]: challenge }).fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    choose(root, [pdf('1.pdf'), pdf('2.pdf'), pdf('3.pdf')]);
    await flush();
    expect(text(root.querySelector('#f-attachments-error'))).toBe('At most 2 files can be attached.');
    expect(root.querySelectorAll('.file')).toHaveLength(2);
    expect((root.querySelector('#f-attachments') as HTMLInputElement).disabled).toBe(true);
    expect((root.querySelector('#f-attachments-button') as HTMLButtonElement).disabled).toBe(true);
    // Removing an upload in progress aborts it.
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    (root.querySelector('button[aria-label="Remove 1.pdf"]') as HTMLButtonElement).click();
    expect(FakeXhr.all[0]?.aborted).toBe(true);
  });

  it('frees the place of a refused file and does not attach the same file twice', async () => {
    const settings = settingsFor('by-300z', {
      attachments: { maxFiles: 2, maxFileBytes: 10_000_000, mediaTypes: ['application/pdf'] },
    });
    const { root, ready } = mount(fakePortal({ [SETTINGS]: settings, [CHALLENGE]: challenge }).fetch);
    await vi.waitFor(() => expect(ready).toHaveBeenCalled());
    const a = pdf('a.pdf');
    const b = pdf('b.pdf', 4096);
    choose(root, [a, a]);
    await flush();
    expect(text(root.querySelector('#f-attachments-error'))).toBe('a.pdf: this file is already attached.');
    expect(root.querySelectorAll('.file')).toHaveLength(1);
    choose(root, [a]);
    await flush();
    expect(root.querySelectorAll('.file')).toHaveLength(1);
    choose(root, [b]);
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    const picker = root.querySelector('#f-attachments-button') as HTMLButtonElement;
    expect(picker.disabled).toBe(true);
    // The portal refuses b.pdf: it stays listed with the reason, but frees its place.
    (FakeXhr.all[1] as FakeXhr).respond(415, { code: 'unsupported-media-type' });
    await flush();
    expect(text(root.querySelectorAll('.file')[1])).toContain('the file was refused');
    expect(picker.disabled).toBe(false);
    // Attached again, the file takes the refused one's line.
    choose(root, [b]);
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(3));
    expect(Array.from(root.querySelectorAll('.file'), (li) => li.className)).toEqual([
      'file uploading',
      'file uploading',
    ]);
  });
});
