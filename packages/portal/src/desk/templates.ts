/**
 * The organisation's library of answer templates, and filling one in for an appeal. Placeholders:
 * `{applicant}` (first name and patronymic, as one addresses a person), `{surname}`, `{number}`,
 * `{registeredOn}`, `{dueOn}`, `{today}` (dates as DD.MM.YYYY in the organisation's time zone),
 * `{organization}`. An unknown placeholder is left as written. A place the executor must fill in is a
 * blank, `[…]` or `[… hint]` (see answer-blanks in the client): the portal sends no answer with one left.
 */
import {
  type AnswerTemplate,
  type AppealResult,
  type Language,
  markTemplateBlanks,
} from '@otklik/client/schemas';
import type { AppealRow } from '../appeals/records.ts';
import { localDate } from '../dates.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';

interface TemplateRow {
  id: string;
  title: string;
  language: Language;
  result: AppealResult | null;
  body: string;
  updated_at: Date;
}

const view = (r: TemplateRow): AnswerTemplate => ({
  templateId: r.id,
  title: r.title,
  language: r.language,
  result: r.result,
  body: r.body,
  updatedAt: r.updated_at.toISOString(),
});

export async function listTemplates(db: Queryable, organizationId: string): Promise<AnswerTemplate[]> {
  const rows = await db.query<TemplateRow>(
    'SELECT * FROM answer_templates WHERE organization_id = $1 ORDER BY title, id',
    [organizationId],
  );
  return rows.map(view);
}

export async function putTemplate(
  tx: Queryable,
  actor: StaffActor,
  id: string,
  input: { title: string; language: Language; result?: AppealResult | null | undefined; body: string },
): Promise<AnswerTemplate> {
  const [other] = await tx.query<{ organization_id: string }>(
    'SELECT organization_id FROM answer_templates WHERE id = $1',
    [id],
  );
  // Another organisation's template id is as unknown as any: it cannot be taken over.
  if (other && other.organization_id !== actor.organizationId)
    throw new ProblemError(404, 'not-found', 'No such template in your organisation');
  const [row] = await tx.query<TemplateRow>(
    `INSERT INTO answer_templates (id, organization_id, title, language, result, body, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (id) DO UPDATE SET title = $3, language = $4, result = $5, body = $6, updated_at = now()
     RETURNING *`,
    [id, actor.organizationId, input.title, input.language, input.result ?? null, input.body],
  );
  await audit(tx, actor, 'template.put', null, { templateId: id });
  return view(row as TemplateRow);
}

export async function deleteTemplate(tx: Queryable, actor: StaffActor, id: string): Promise<void> {
  const rows = await tx.query(
    'DELETE FROM answer_templates WHERE id = $1 AND organization_id = $2 RETURNING id',
    [id, actor.organizationId],
  );
  if (rows.length === 0) throw new ProblemError(404, 'not-found', 'No such template in your organisation');
  await audit(tx, actor, 'template.delete', null, { templateId: id });
}

const dmy = (iso: string) => iso.split('-').reverse().join('.');

/** The placeholders' values for an appeal. */
export function placeholders(row: AppealRow, now: Date): Record<string, string> {
  const r = row as AppealRow & Record<string, string | null>;
  return {
    applicant: [r.applicant_first_name, r.applicant_patronymic].filter(Boolean).join(' '),
    surname: r.applicant_surname ?? '',
    number: row.registration_number,
    registeredOn: dmy(row.registered_date),
    dueOn: dmy(row.due_date_iso),
    today: dmy(localDate(row.time_zone, now)),
    organization: row.organization_name,
  };
}

/** `body` with every known `{placeholder}` replaced and every blank bracketed (a bare `…` too). */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return markTemplateBlanks(body).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] as string) : whole,
  );
}
