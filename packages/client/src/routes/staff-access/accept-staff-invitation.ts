export const acceptStaffInvitationRoute = {
  method: 'POST',
  path: '/v1/staff/invitations/accept',
} as const;
