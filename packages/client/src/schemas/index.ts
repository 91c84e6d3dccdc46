/** Every valibot schema of the wire format, by area (`@otklik/client/schemas`). */
export * from './appeals.ts';
export * from './attachments.ts';
export * from './calendars.ts';
export * from './common.ts';
export * from './intake.ts';
export * from './organizations.ts';
export * from './patterns.ts';
export * from './problem.ts';
export * from './ratings.ts';
export * from './staff-access.ts';
export * from './staff-appeals.ts';
export * from './staff-desk-card.ts';
export * from './staff-ratings.ts';
export * from './staff-reports.ts';
export * from './staff-settings.ts';
export * from './staff-webhooks.ts';
export * from './text.ts';
