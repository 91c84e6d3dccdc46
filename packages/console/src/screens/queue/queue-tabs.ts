/**
 * The queue's tabs as an address can name them: the home screen's figures link to one, and a person
 * whose work is only what is assigned to them starts on theirs. Kept apart from the screen so the
 * home screen links here without loading the queue.
 */
import { BASE } from '../../routes.ts';
import type { StaffRole } from '../../session.ts';

/**
 * The saved filters, as tabs (CONSOLE.md: new, due this week, overdue, all), and the person's own:
 * an executor's appeals, an approver's drafts waiting for them.
 */
export type QueueTab = 'all' | 'new' | 'week' | 'overdue' | 'mine' | 'awaiting';

const QUEUE_TABS: readonly QueueTab[] = ['all', 'new', 'week', 'overdue', 'mine', 'awaiting'];

export const isQueueTab = (value: unknown): value is QueueTab => QUEUE_TABS.includes(value as QueueTab);

/** The queue opened on one tab (`/console/queue?tab=overdue`). */
export const queueTabPath = (tab: QueueTab) => `${BASE}/queue?tab=${tab}` as const;

/** Whether `roles` show `tab`: "Mine" to an executor, "Awaiting my approval" to an approver, the rest to all. */
export function queueTabShown(tab: QueueTab, roles: ReadonlySet<StaffRole>): boolean {
  if (tab === 'mine') return roles.has('executor');
  if (tab === 'awaiting') return roles.has('approver');
  return true;
}

/**
 * The tab the queue opens on: the one the address names (when the roles show it); else "Mine" for a
 * person whose only desk role is executor (their work is what is assigned to them), else "All".
 */
export function initialQueueTab(requested: unknown, roles: ReadonlySet<StaffRole>): QueueTab {
  if (isQueueTab(requested) && queueTabShown(requested, roles)) return requested;
  const onlyExecutor = roles.has('executor') && !roles.has('coordinator') && !roles.has('approver');
  return onlyExecutor ? 'mine' : 'all';
}
