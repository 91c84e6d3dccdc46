import type { AppealCard, FilledTemplateList, StaffAppeal } from '@otklik/client/schemas';
import { loadApi } from '../access-kit.tsx';

/** What the card screen shows: the appeal (the applicant's side and data) and its staff side. */
export interface CardData {
  appeal: StaffAppeal;
  card: AppealCard;
}

/** What a part of the card takes: the appeal, its staff side, and where a changed staff side goes. */
export interface CardPartProps {
  appeal: StaffAppeal;
  card: AppealCard;
  onCard: (card: AppealCard) => void;
}

/** The applicant's full name as the card and its print-outs show it (`''` once erased). */
export function applicantName(a: StaffAppeal['applicant']): string {
  return [a.surname, a.firstName, a.patronymic].filter(Boolean).join(' ');
}

export async function loadCardData(appealId: string, signal?: AbortSignal): Promise<CardData> {
  const api = await loadApi();
  const [appeal, card] = await Promise.all([
    api.getStaffAppeal(appealId, signal ? { signal } : {}),
    api.getStaffAppealCard(appealId, signal ? { signal } : {}),
  ]);
  return { appeal, card };
}

export type FilledTemplate = FilledTemplateList['items'][number];

/** A download through the signed-in client, saved as a file (never opened in the console's page). */
export async function saveFile(appealId: string, attachmentId: string, name: string): Promise<void> {
  const blob = (await (await loadApi()).getStaffAppealAttachment(appealId, attachmentId)) as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
