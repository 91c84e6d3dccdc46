export const addAllowedOriginRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/origins',
} as const;
