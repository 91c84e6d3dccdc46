export const createStaffApiKeyRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/api-keys',
} as const;
