export const listStaffAuditLogRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/audit-log',
} as const;
