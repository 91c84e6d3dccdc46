export const getStaffMailPreferencesRoute = { method: 'GET', path: '/v1/staff/mail-preferences' } as const;
