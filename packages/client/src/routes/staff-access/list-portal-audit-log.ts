export const listPortalAuditLogRoute = { method: 'GET', path: '/v1/staff/portal/audit-log' } as const;
