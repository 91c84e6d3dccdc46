/** Routes of identity verification by an e-mail one-time code. (OpenID Connect sign-in is a
 * navigation in a popup, not an API call: see the portal's OpenAPI document.) */

export { requestEmailCodeRoute } from './identity/request-email-code.ts';
export { verifyEmailCodeRoute } from './identity/verify-email-code.ts';
