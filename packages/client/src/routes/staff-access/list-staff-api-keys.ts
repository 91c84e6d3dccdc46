export const listStaffApiKeysRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/api-keys',
} as const;
