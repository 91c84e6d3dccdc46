export const removeAllowedOriginRoute = {
  method: 'DELETE',
  path: '/v1/staff/organizations/{organizationId}/origins/{origin}',
} as const;
