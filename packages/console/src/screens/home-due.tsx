import './home-due.css';
import type { StaffAppealPage } from '@otklik/client/schemas';
import { useT } from '../i18n/translate.ts';
import { Loaded, useLoad } from '../kit/states.tsx';
import { sectionsFor } from '../routes.ts';
import type { StaffRole } from '../session.ts';
import { loadApi } from './access-kit.tsx';
import { homeDueMessages } from './home-due.messages.ts';
import { type QueueTab, queueTabPath, queueTabShown } from './queue/queue-tabs.ts';

type Counts = StaffAppealPage['counts'];
type Figure = { tab: Exclude<QueueTab, 'all'>; count: keyof Counts; alert?: boolean };

/**
 * What the home screen counts, in the order a clerk acts on them: what is late, what falls due this
 * week (the queue's own "due this week" tab and count: today and the six days after it), then each
 * role's own work. Each figure is exactly a tab of the queue, so its link opens those very appeals.
 */
const FIGURES: readonly Figure[] = [
  { tab: 'overdue', count: 'overdue', alert: true },
  { tab: 'week', count: 'dueThisWeek' },
  { tab: 'new', count: 'new' },
  { tab: 'mine', count: 'mine' },
  { tab: 'awaiting', count: 'awaitingApproval' },
];

/** The figures `roles` see: "new" is the coordinator's to hand out; "mine" and "awaiting" as the queue's tabs. */
export function figuresFor(roles: ReadonlySet<StaffRole>): Figure[] {
  return FIGURES.filter((figure) =>
    figure.tab === 'new' ? roles.has('coordinator') : queueTabShown(figure.tab, roles),
  );
}

/** Whether `roles` read the organisation's appeals at all (an analyst or an administrator alone does not). */
export const readsAppeals = (roles: ReadonlySet<StaffRole>) =>
  sectionsFor(roles).some((section) => section.id === 'queue');

/**
 * What is due, at a glance: a list of links, each counting a tab of the queue ("3 обращения
 * просрочены"). The counts come with any page of the queue: a page of none (`limit: 0`) brings them
 * alone, with no applicant's name and no audited read.
 */
export function DueAtAGlance({
  organizationId,
  roles,
}: {
  organizationId: string;
  roles: ReadonlySet<StaffRole>;
}) {
  const { t } = useT(homeDueMessages);
  const counts = useLoad(
    async (signal) =>
      (await (await loadApi()).listOrganizationAppeals(organizationId, { limit: 0 }, { signal })).counts,
    [organizationId],
  );
  return (
    <section class="panel" aria-labelledby="home-due">
      <h2 id="home-due">{t('title')}</h2>
      <Loaded load={counts} lines={3}>
        {(c) => (
          <ul class="due-figures">
            {figuresFor(roles).map((figure) => (
              <li key={figure.tab}>
                <a
                  class={figure.alert && c[figure.count] > 0 ? 'due-figure due-figure--alert' : 'due-figure'}
                  href={queueTabPath(figure.tab)}
                >
                  {t(figure.tab, { count: c[figure.count] })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
