import type { AppealCard, FilledTemplateList, StaffAppeal } from '@otklik/client/schemas';
import { loadApi } from '../access-kit.tsx';

/** What the card screen shows: the appeal (the applicant's side and data) and its staff side. */
export interface CardData {
  appeal: StaffAppeal;
  card: AppealCard;
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
