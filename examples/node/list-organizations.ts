/**
 * Lists organisations and their appeal counters through @otklik/client.
 *
 *   pnpm --filter @otklik/examples run client-demo            # portal at http://127.0.0.1:8787
 *   OTKLIK_PORTAL=https://otklik.example.org pnpm --filter @otklik/examples run client-demo
 */
import { createClient, isOtklikError } from '@otklik/client';

const otklik = createClient({ baseUrl: process.env.OTKLIK_PORTAL ?? 'http://127.0.0.1:8787' });

try {
  const page = await otklik.searchOrganizations({ limit: 10 });
  console.log(`${page.total} organisations; the first ${page.items.length}:`);
  for (const organization of page.items) {
    const { month, year } = await otklik.getAppealCounter(organization.id);
    console.log(
      `- ${organization.name} [${organization.id}, ${organization.jurisdiction}]: ` +
        `${month.received} appeals this month, ${year.received} this year, ` +
        `${year.considered.total} considered, ${year.overdue} overdue`,
    );
  }
  const departments = await otklik.searchOrganizations({ category: 'department', limit: 1 });
  const department = departments.items[0];
  if (department) {
    const schools = await otklik.searchOrganizations({ parent: department.id });
    console.log(`${department.name} has ${schools.total} subordinate organisations.`);
  }
} catch (error) {
  if (!isOtklikError(error)) throw error;
  // Each failure kind is distinct: a refused request carries a stable code, the rest say what happened.
  console.error(
    error.kind === 'problem' ? `Portal refused: ${error.code} — ${error.message}` : error.message,
  );
  process.exitCode = 1;
}
