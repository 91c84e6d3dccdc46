export const getCalendarYearRoute = { method: 'GET', path: '/v1/staff/calendars/{country}/{year}' } as const;
