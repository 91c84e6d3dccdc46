/**
 * The form's draft, kept for the browser tab (sessionStorage): a reload — on a phone, often while the
 * citizen is in the mail app fetching the code — does not empty the form. Only what is typed is kept
 * (no files, no consent, no identity token); it is deleted once the appeal is filed, so nothing
 * personal stays in the browser. Storage may be refused (private modes, sandboxed frames): the form
 * then works as before, without a draft.
 */
import { empty, type Person, type Values } from './values.ts';

const TEXT_FIELDS = [
  'surname',
  'firstName',
  'patronymic',
  'email',
  'postalAddress',
  'type',
  'language',
  'topicId',
  'text',
] as const;

const keyOf = (organizationId: string) => `otklik:appeal-draft:${organizationId}`;

const isPerson = (value: unknown): value is Person =>
  typeof value === 'object' &&
  value !== null &&
  ['surname', 'firstName', 'patronymic'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'string',
  );

/** The text fields of `values` worth keeping, or `null` when nothing is typed yet. */
function draftOf(values: Values): Partial<Values> | null {
  const draft: Partial<Record<(typeof TEXT_FIELDS)[number], string>> & { coAuthors?: Person[] } = {};
  for (const name of TEXT_FIELDS) if (values[name]) draft[name] = values[name];
  if (values.coAuthors.length) draft.coAuthors = values.coAuthors;
  return Object.keys(draft).length ? (draft as Partial<Values>) : null;
}

/** The form's values with the tab's draft for `organizationId` filled in. */
export function withDraft(organizationId: string): Values {
  const values = empty();
  try {
    const raw = sessionStorage.getItem(keyOf(organizationId));
    const saved = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    if (!saved || typeof saved !== 'object') return values;
    for (const name of TEXT_FIELDS) {
      const value = saved[name];
      if (typeof value === 'string')
        (values as unknown as Record<string, string>)[name] = value.slice(0, 20_000);
    }
    if (Array.isArray(saved.coAuthors)) values.coAuthors = saved.coAuthors.filter(isPerson).slice(0, 50);
  } catch {
    // No storage, or a damaged draft: an empty form.
  }
  return values;
}

/** Keeps `values` as the tab's draft (or removes it when the form is empty). */
export function saveDraft(organizationId: string, values: Values): void {
  try {
    const draft = draftOf(values);
    if (draft) sessionStorage.setItem(keyOf(organizationId), JSON.stringify(draft));
    else sessionStorage.removeItem(keyOf(organizationId));
  } catch {
    // Storage refused or full: no draft.
  }
}

/** Deletes the draft: the appeal is filed. */
export function clearDraft(organizationId: string): void {
  try {
    sessionStorage.removeItem(keyOf(organizationId));
  } catch {
    // Nothing was stored.
  }
}
