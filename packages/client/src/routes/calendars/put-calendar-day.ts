export const putCalendarDayRoute = {
  method: 'PUT',
  path: '/v1/staff/calendars/{country}/days/{date}',
} as const;
