import type { AnswerDraft, AppealCard } from '@otklik/client/schemas';

/** The dom tests' appeal card: one appeal, a teacher as executor, nothing drafted, nothing allowed. */
export const FIXTURE_APPEAL = '6f0c1c52-5d0e-4a5e-9d55-3a8d5d2c1f00';
export const FIXTURE_TEACHER = { personId: '33333333-3333-4333-8333-333333333333', name: 'Завуч' };

/** A draft in `state` by the teacher (approved by "Директор" once approved). */
export const draftFixture = (state: AnswerDraft['state'], text = 'Разъясняем порядок.'): AnswerDraft => ({
  state,
  result: 'explained',
  text,
  author: FIXTURE_TEACHER.name,
  updatedAt: '2026-12-06T17:44:00Z',
  returnComment: null,
  approvedBy: state === 'approved' ? 'Директор' : null,
  approvedAt: state === 'approved' ? '2026-12-06T17:50:00Z' : null,
  attachments: [],
});

/** The card with `changes` over the defaults (`can` merged, the rest replaced). */
export const cardFixture = (
  changes: Omit<Partial<AppealCard>, 'can'> & { can?: Partial<AppealCard['can']> } = {},
): AppealCard => {
  const { can, ...rest } = changes;
  return {
    appealId: FIXTURE_APPEAL,
    executor: FIXTURE_TEACHER,
    internalDueDate: null,
    notes: [],
    openBy: [],
    otherAppeals: [],
    duplicateOf: null,
    duplicates: [],
    draft: null,
    events: [],
    executors: [FIXTURE_TEACHER],
    ...rest,
    can: { assign: false, draft: false, approve: false, process: false, extend: false, ...can },
  };
};
