import type { Queryable } from '../db/types.ts';

/** The demo school's answer templates (fixed ids: seeding again changes nothing). */
export const DEMO_TEMPLATES = [
  {
    id: '7e3a1c00-0000-4000-8000-000000000001',
    title: 'Меры приняты',
    result: 'supported_measures_taken',
    body:
      'Уважаемый(ая) {applicant}!\n\nВаше обращение № {number} от {registeredOn} рассмотрено. ' +
      'Сообщаем, что по изложенным в нём вопросам приняты следующие меры: [… какие меры приняты]\n\nС уважением,\n{organization}',
  },
  {
    id: '7e3a1c00-0000-4000-8000-000000000002',
    title: 'Разъяснение',
    result: 'explained',
    body:
      'Уважаемый(ая) {applicant}!\n\nНа Ваше обращение № {number} от {registeredOn} разъясняем: [… суть разъяснения]\n\n' +
      'С уважением,\n{organization}',
  },
] as const;

export async function seedDemoTemplates(db: Queryable, organizationId = 'demo-school'): Promise<void> {
  for (const t of DEMO_TEMPLATES) {
    await db.query(
      `INSERT INTO answer_templates (id, organization_id, title, language, result, body)
       VALUES ($1, $2, $3, 'ru', $4, $5) ON CONFLICT (id) DO NOTHING`,
      [t.id, organizationId, t.title, t.result, t.body],
    );
  }
}
