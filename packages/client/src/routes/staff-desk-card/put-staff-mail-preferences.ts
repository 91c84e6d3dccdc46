export const putStaffMailPreferencesRoute = { method: 'PUT', path: '/v1/staff/mail-preferences' } as const;
