export const deleteCalendarDayRoute = {
  method: 'DELETE',
  path: '/v1/staff/calendars/{country}/days/{date}',
} as const;
