export const inviteStaffPersonRoute = {
  method: 'POST',
  path: '/v1/staff/organizations/{organizationId}/invitations',
} as const;
