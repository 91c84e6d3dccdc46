/**
 * Pieces shared by the appeal form and the status tracker: styles, a labelled field, the private-link
 * fragment and small helpers. Everything here is on the form page, so it stays small.
 */
import { formatDate, type Language, organizationId } from '@otklik/widget-core';
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const attributes = { org: organizationId() };

export const css = `
.link{background:none;border:0;padding:0;font:inherit;color:var(--_accent);text-decoration:underline;cursor:pointer}
.files ul{margin:4px 0;padding-inline-start:20px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}
.appeal{display:flex;flex-direction:column;gap:calc(var(--_gap)*1.5);container-type:inline-size;min-width:0}
h2,h3{margin:0;font-size:1.25em;line-height:1.3}
h3{font-size:1.1em}
p,ol,ul,dl{margin:0}
form,fieldset,.group{display:flex;flex-direction:column;gap:var(--_gap)}
fieldset{border:1px solid var(--_border);border-radius:var(--_radius);padding:var(--_gap) calc(var(--_gap)*1.5) calc(var(--_gap)*1.5);margin:0;min-width:0}
legend{font-weight:600;padding:0 4px}
.field{display:flex;flex-direction:column;gap:4px}
label{font-weight:600}
.req{color:var(--_danger)}
.hint,.count{color:var(--_muted);font-size:.93em}
.hint .hint,.hint .count{font-size:1em}
input,select,textarea,button{font:inherit;color:inherit}
input:not([type=radio],[type=checkbox]),select,textarea{width:100%;padding:8px 10px;border:1px solid var(--_muted);border-radius:calc(var(--_radius)/2);background:var(--_bg);min-height:40px}
textarea{min-height:160px;resize:vertical}
input.sr{width:1px;height:1px;min-height:0;padding:0;border:0}
input[readonly]{background:transparent;border-style:dashed}
[aria-invalid=true]{border-color:var(--_danger)!important;border-width:2px!important}
.choice{display:flex;align-items:flex-start;gap:8px;font-weight:400}
.choice input{margin:3px 0 0;width:18px;height:18px;flex:none}
.row{display:flex;flex-wrap:wrap;gap:var(--_gap);align-items:center}
button{cursor:pointer;padding:8px 16px;min-height:40px;border-radius:calc(var(--_radius)/2);border:1px solid var(--_accent);background:var(--_bg);color:var(--_accent)}
button.primary{background:var(--_accent);color:var(--_bg);font-weight:600}
button:disabled{opacity:.6;cursor:default}
.alert{border:2px solid var(--_danger);border-radius:var(--_radius);padding:var(--_gap);color:var(--_danger)}
.ok{border:2px solid var(--_accent);border-radius:var(--_radius);padding:var(--_gap)}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
dl{display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);gap:4px 12px}
dt{color:var(--_muted)}dd{margin:0;font-weight:600;overflow-wrap:break-word;min-width:0}
@container (max-width:30em){dl{grid-template-columns:minmax(0,1fr);gap:0}dd+dt{margin-top:6px}}
.nowrap{white-space:nowrap}
summary{cursor:pointer;font-weight:600;min-height:24px}
details .pre{margin-top:4px}
.msg{border-inline-start:3px solid var(--_border);padding-inline-start:var(--_gap)}
.msg.organization{border-color:var(--_accent)}
.pre{white-space:pre-wrap;overflow-wrap:anywhere}
.file-list{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:6px}
.file{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:4px 8px;align-items:center;padding-block:4px;border-bottom:1px solid var(--_border)}
.file-info{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;min-width:0}
.file-info .pre{overflow-wrap:anywhere}
.file progress{flex:1 1 120px;max-width:100%}
`;

/** `id` of the input for a field path such as `applicant.email`. */
export const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

export interface FieldProps {
  path: string;
  label: string;
  required?: boolean | undefined;
  error?: string | undefined;
  hint?: ComponentChildren;
  /** Renders the control with the given accessibility attributes. */
  control: (aria: Aria) => JSX.Element;
  requiredLabel: string;
}

export type Aria = {
  id: string;
  required?: boolean;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
};

/** A labelled control with its hint and error, tied together by `aria-describedby`. */
export function Field(p: FieldProps) {
  const id = idOf(p.path);
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria: Aria = { id };
  if (p.required) aria.required = true;
  if (p.error) aria['aria-invalid'] = 'true';
  if (described) aria['aria-describedby'] = described;
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required && <Marker label={p.requiredLabel} />}
      </label>
      {p.control(aria)}
      {p.hint && (
        <p id={`${id}-hint`} class="hint">
          {p.hint}
        </p>
      )}
      {p.error && (
        <p id={`${id}-error`} class="error">
          {p.error}
        </p>
      )}
    </div>
  );
}

/** The visible "*" of a required field (the control's `required` tells screen readers). */
export function Marker({ label }: { label: string }) {
  return (
    <span class="req" title={label} aria-hidden="true">
      {' *'}
    </span>
  );
}

/** The value of an input event's target. */
export const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The appeal id and access secret from `#otklik-appeal=<id>.<secret>`, if the page URL has one. */
export function readLink(): { appealId: string; secret: string } | null {
  const match = /otklik-appeal=([0-9a-fA-F-]{36})\.([\w-]{16,})/.exec(location.hash);
  return match ? { appealId: match[1] as string, secret: match[2] as string } : null;
}

/** The private link in the URL fragment, kept current on `hashchange`. */
export function useLink() {
  const [link, setLink] = useState(readLink);
  useEffect(() => {
    const update = () =>
      setLink((before) => {
        const after = readLink();
        return before?.appealId === after?.appealId && before?.secret === after?.secret ? before : after;
      });
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return link;
}

/** This page's address without its fragment, when it is a web page (sent so links point back here). */
export function pageUrl(): string | undefined {
  const url = location.href.split('#')[0] as string;
  return /^https?:/.test(url) ? url : undefined;
}

/** The client error's kind (`problem`, `network`, `timeout`, `aborted`, `response-shape`). */
export const kindOf = (error: unknown) => (error as { kind?: string } | null)?.kind;

/** Whether the portal refused this site for the organisation (403 `origin-not-allowed`). */
export const notAllowedHere = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'origin-not-allowed';

/**
 * What the webmaster reads in the console (and `otklik:error`) when the site is not allowed: which
 * origin to add, and where.
 */
export const notAllowedError = (organizationId: string) =>
  Object.assign(
    new Error(
      `this site (${location.origin}) is not among the allowed sites of organisation "${organizationId}": add ${location.origin} to them in the console (Settings → Allowed sites) or ask the portal's administrator; Otklik.diagnose() checks it`,
    ),
    { kind: 'problem', status: 403, code: 'origin-not-allowed' },
  );

/** `YYYY-MM-DD` of a timestamp in `timeZone` (the organisation's), or in the browser's without one. */
export function dayIn(value: string, timeZone?: string | undefined): string {
  const d = new Date(value);
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(d);
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `${part('year')}-${part('month')}-${part('day')}`;
    } catch {
      // An unknown zone: the browser's own below.
    }
  }
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A calendar date for `YYYY-MM-DD`, or the date of a timestamp in the organisation's time zone
 * (`timeZone`), so that the registration date and the due date agree wherever the citizen is.
 * Written «5 января 2027 г.» with a non-breaking space before «г.» (it never ends up alone on a line).
 */
export function dateText(lang: Language, value: string, timeZone?: string | undefined): string {
  const day = value.length > 10 ? dayIn(value, timeZone) : value;
  return formatDate(lang, day, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A file size: «1,5 МБ», «12 КБ» in Russian and Belarusian, "1.5 MB" in English; never broken. */
export function sizeText(lang: Language, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const number = new Intl.NumberFormat(lang === 'be' ? 'ru' : lang, {
    maximumFractionDigits: mb < 10 ? 1 : 0,
  });
  const [mbUnit, kbUnit] = lang === 'en' ? ['MB', 'KB'] : ['МБ', 'КБ'];
  const text =
    mb >= 1
      ? `${number.format(mb)} ${mbUnit}`
      : `${number.format(Math.max(1, Math.ceil(bytes / 1024)))} ${kbUnit}`;
  return text.replace(/\s/g, '\u00a0');
}

/**
 * A text with `number` (a registration number) kept on one line: "ОБ-2026-000001" never breaks at
 * its hyphens.
 */
export function withNumber(text: string, number: string): ComponentChildren {
  const at = text.indexOf(number);
  if (at < 0) return text;
  return [text.slice(0, at), <span class="nowrap">{number}</span>, text.slice(at + number.length)];
}
