import type { StaffRole } from '@otklik/client/contract';
import type { Queryable } from '../db/types.ts';
import type { Localized } from '../demo/page-language.ts';
import { ensurePerson } from '../people/members.ts';
import { seedDemoTemplates } from './demo-templates.ts';

/** One demo account: who, and what they hold. */
export interface DemoPerson {
  email: string;
  name: string;
  /** `[organisation, role, subtree]`; none for the portal administrator. */
  roles: readonly (readonly [string, StaffRole, boolean])[];
  portalAdministrator?: boolean;
  /** What to try as this person (printed at start, in English; on the demo's pages in theirs). */
  note: Localized;
}

/** The demo's people, one per role, in the demo organisations. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    email: 'portal-admin@demo.otklik.localhost',
    name: 'Региональный администратор',
    roles: [],
    portalAdministrator: true,
    note: {
      ru: 'администратор портала: организации, импорт CSV, приглашения',
      be: 'адміністратар партала: арганізацыі, імпарт CSV, запрашэнні',
      en: 'portal administrator: organisations, CSV import, invitations',
    },
  },
  {
    email: 'admin@school.demo.otklik.localhost',
    name: 'Учитель информатики',
    roles: [['demo-school', 'administrator', false]],
    note: {
      ru: 'администратор demo-school: сотрудники, ключи API, журнал действий',
      be: 'адміністратар demo-school: супрацоўнікі, ключы API, журнал дзеянняў',
      en: 'administrator of demo-school: people, API keys, audit log',
    },
  },
  {
    email: 'clerk@school.demo.otklik.localhost',
    name: 'Секретарь',
    roles: [['demo-school', 'coordinator', false]],
    note: {
      ru: 'координатор demo-school: очередь обращений',
      be: 'каардынатар demo-school: чарга зваротаў',
      en: 'coordinator of demo-school: the queue',
    },
  },
  {
    email: 'teacher@school.demo.otklik.localhost',
    name: 'Завуч',
    roles: [['demo-school', 'executor', false]],
    note: {
      ru: 'исполнитель в demo-school',
      be: 'выканаўца ў demo-school',
      en: 'executor of demo-school',
    },
  },
  {
    email: 'head@school.demo.otklik.localhost',
    name: 'Директор',
    roles: [['demo-school', 'approver', false]],
    note: {
      ru: 'согласующий в demo-school: ответы',
      be: 'узгадняльнік у demo-school: адказы',
      en: 'approver of demo-school: answers',
    },
  },
  {
    email: 'analyst@dept.demo.otklik.localhost',
    name: 'Аналитик отдела образования',
    roles: [
      ['demo-edu-dept', 'analyst', true],
      ['demo-edu-dept', 'coordinator', false],
    ],
    note: {
      ru: 'аналитик demo-edu-dept и всех школ под ним (и координатор его собственных обращений)',
      be: 'аналітык demo-edu-dept і ўсіх школ пад ім (і каардынатар яго ўласных зваротаў)',
      en: 'analyst of demo-edu-dept and every school below it (+ coordinator of its own appeals)',
    },
  },
];

/** Creates the demo's people and roles, and the demo school's answer templates (idempotent). */
export async function seedDemoPeople(db: Queryable): Promise<void> {
  for (const person of DEMO_PEOPLE) {
    const id = await ensurePerson(db, person.email, person.name);
    for (const [org, role, subtree] of person.roles) {
      await db.query(
        `INSERT INTO memberships (person_id, organization_id, role, subtree) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [id, org, role, subtree],
      );
    }
    if (person.portalAdministrator) {
      await db.query('INSERT INTO portal_administrators (person_id) VALUES ($1) ON CONFLICT DO NOTHING', [
        id,
      ]);
    }
  }
  await seedDemoTemplates(db);
}
