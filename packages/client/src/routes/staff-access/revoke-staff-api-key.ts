export const revokeStaffApiKeyRoute = {
  method: 'DELETE',
  path: '/v1/staff/organizations/{organizationId}/api-keys/{keyId}',
} as const;
