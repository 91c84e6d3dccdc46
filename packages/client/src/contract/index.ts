/**
 * The portal API as data (`@otklik/client/contract`): every endpoint — public, identity,
 * attachments, staff — with its route, documentation, schemas and access, one module per area. The
 * portal registers its routes, validates input and publishes its OpenAPI document from this table;
 * the client builds its calls from it. A change to the wire format is therefore a change here, seen
 * by both sides at once.
 */
import {
  addAppealMessageEndpoint,
  fileAppealEndpoint,
  getAppealCounterEndpoint,
  getAppealEndpoint,
  rateAppealAnswerEndpoint,
  requestLostLinkEndpoint,
  withdrawAppealEndpoint,
} from './appeals.ts';
import {
  deleteUploadEndpoint,
  getAppealAttachmentEndpoint,
  uploadAttachmentEndpoint,
} from './attachments.ts';
import { deleteCalendarDayEndpoint, getCalendarYearEndpoint, putCalendarDayEndpoint } from './calendars.ts';
import { createChallengeEndpoint } from './challenges.ts';
import {
  getOrganizationEndpoint,
  getWidgetSettingsEndpoint,
  listServicesEndpoint,
  listSpheresEndpoint,
  searchOrganizationsEndpoint,
} from './directory.ts';
import type { EndpointDefinition } from './endpoint.ts';
import { requestEmailCodeEndpoint, verifyEmailCodeEndpoint } from './identity.ts';
import {
  getRatingAnalyticsEndpoint,
  getRatingRankingEndpoint,
  getRatingSummaryEndpoint,
  submitRatingEndpoint,
} from './ratings.ts';
import * as staffAccess from './staff-access.ts';
import {
  addStaffAppealMessageEndpoint,
  answerStaffAppealEndpoint,
  changeStaffAppealStatusEndpoint,
  getStaffAppealAttachmentEndpoint,
  getStaffAppealEndpoint,
  listStaffAppealsEndpoint,
} from './staff-appeals.ts';
import * as deskCard from './staff-desk-card.ts';
import { listOrganizationAppealsEndpoint } from './staff-queue.ts';
import { exportStaffRatingsEndpoint, listStaffRatingCommentsEndpoint } from './staff-ratings.ts';
import * as staffReports from './staff-reports.ts';
import {
  addAllowedOriginEndpoint,
  checkSiteEndpoint,
  getOrganizationSettingsEndpoint,
  listConsentVersionsEndpoint,
  listTopicsEndpoint,
  publishConsentVersionEndpoint,
  putCriteriaSetEndpoint,
  putTopicEndpoint,
  removeAllowedOriginEndpoint,
  reorderTopicsEndpoint,
  updateAppealOptionsEndpoint,
  updateOrganizationSettingsEndpoint,
  updateRatingSettingsEndpoint,
} from './staff-settings.ts';
import * as staffWebhooks from './staff-webhooks.ts';

export * from './appeals.ts';
export * from './attachments.ts';
export * from './calendars.ts';
export * from './challenges.ts';
export * from './directory.ts';
export * from './endpoint.ts';
export * from './identity.ts';
export * from './ratings.ts';
export * from './staff-access.ts';
export * from './staff-appeals.ts';
export * from './staff-desk-card.ts';
export * from './staff-queue.ts';
export * from './staff-ratings.ts';
export * from './staff-reports.ts';
export * from './staff-roles.ts';
export * from './staff-settings.ts';
export * from './staff-webhooks.ts';
export * from './types.ts';

/**
 * Every endpoint of the portal API by operation name (its OpenAPI `operationId` and the name of the
 * client's method). The portal serves exactly these.
 */
export const endpoints = {
  searchOrganizations: searchOrganizationsEndpoint,
  getOrganization: getOrganizationEndpoint,
  listServices: listServicesEndpoint,
  getWidgetSettings: getWidgetSettingsEndpoint,
  listSpheres: listSpheresEndpoint,
  getAppealCounter: getAppealCounterEndpoint,
  createChallenge: createChallengeEndpoint,
  requestEmailCode: requestEmailCodeEndpoint,
  verifyEmailCode: verifyEmailCodeEndpoint,
  fileAppeal: fileAppealEndpoint,
  requestLostLink: requestLostLinkEndpoint,
  getAppeal: getAppealEndpoint,
  addAppealMessage: addAppealMessageEndpoint,
  rateAppealAnswer: rateAppealAnswerEndpoint,
  withdrawAppeal: withdrawAppealEndpoint,
  uploadAttachment: uploadAttachmentEndpoint,
  deleteUpload: deleteUploadEndpoint,
  getAppealAttachment: getAppealAttachmentEndpoint,
  submitRating: submitRatingEndpoint,
  getRatingSummary: getRatingSummaryEndpoint,
  getRatingRanking: getRatingRankingEndpoint,
  getRatingAnalytics: getRatingAnalyticsEndpoint,
  listStaffAppeals: listStaffAppealsEndpoint,
  getStaffAppeal: getStaffAppealEndpoint,
  answerStaffAppeal: answerStaffAppealEndpoint,
  changeStaffAppealStatus: changeStaffAppealStatusEndpoint,
  addStaffAppealMessage: addStaffAppealMessageEndpoint,
  getStaffAppealAttachment: getStaffAppealAttachmentEndpoint,
  updateOrganizationSettings: updateOrganizationSettingsEndpoint,
  updateRatingSettings: updateRatingSettingsEndpoint,
  putCriteriaSet: putCriteriaSetEndpoint,
  getOrganizationSettings: getOrganizationSettingsEndpoint,
  addAllowedOrigin: addAllowedOriginEndpoint,
  removeAllowedOrigin: removeAllowedOriginEndpoint,
  checkSite: checkSiteEndpoint,
  listConsentVersions: listConsentVersionsEndpoint,
  publishConsentVersion: publishConsentVersionEndpoint,
  listTopics: listTopicsEndpoint,
  putTopic: putTopicEndpoint,
  reorderTopics: reorderTopicsEndpoint,
  updateAppealOptions: updateAppealOptionsEndpoint,
  listStaffRatingComments: listStaffRatingCommentsEndpoint,
  exportStaffRatings: exportStaffRatingsEndpoint,
  requestStaffSignIn: staffAccess.requestStaffSignInEndpoint,
  verifyStaffSignIn: staffAccess.verifyStaffSignInEndpoint,
  acceptStaffInvitation: staffAccess.acceptStaffInvitationEndpoint,
  getStaffSignInMethods: staffAccess.getStaffSignInMethodsEndpoint,
  startStaffOidcSignIn: staffAccess.startStaffOidcSignInEndpoint,
  completeStaffOidcSignIn: staffAccess.completeStaffOidcSignInEndpoint,
  getStaffSession: staffAccess.getStaffSessionEndpoint,
  signOutStaff: staffAccess.signOutStaffEndpoint,
  signOutStaffEverywhere: staffAccess.signOutStaffEverywhereEndpoint,
  startTotpEnrolment: staffAccess.startTotpEnrolmentEndpoint,
  confirmTotp: staffAccess.confirmTotpEndpoint,
  disableTotp: staffAccess.disableTotpEndpoint,
  listStaffPeople: staffAccess.listStaffPeopleEndpoint,
  inviteStaffPerson: staffAccess.inviteStaffPersonEndpoint,
  setStaffPersonRoles: staffAccess.setStaffPersonRolesEndpoint,
  listStaffApiKeys: staffAccess.listStaffApiKeysEndpoint,
  createStaffApiKey: staffAccess.createStaffApiKeyEndpoint,
  revokeStaffApiKey: staffAccess.revokeStaffApiKeyEndpoint,
  listStaffAuditLog: staffAccess.listStaffAuditLogEndpoint,
  listPortalOrganizations: staffAccess.listPortalOrganizationsEndpoint,
  listPortalAuditLog: staffAccess.listPortalAuditLogEndpoint,
  createPortalOrganization: staffAccess.createPortalOrganizationEndpoint,
  importPortalOrganizations: staffAccess.importPortalOrganizationsEndpoint,
  invitePortalOrganizationAdministrator: staffAccess.invitePortalOrganizationAdministratorEndpoint,
  getStaffAppealCard: deskCard.getStaffAppealCardEndpoint,
  markStaffAppealOpen: deskCard.markStaffAppealOpenEndpoint,
  assignStaffAppeal: deskCard.assignStaffAppealEndpoint,
  addStaffAppealNote: deskCard.addStaffAppealNoteEndpoint,
  mergeStaffAppealDuplicate: deskCard.mergeStaffAppealDuplicateEndpoint,
  saveStaffAnswerDraft: deskCard.saveStaffAnswerDraftEndpoint,
  submitStaffAnswerDraft: deskCard.submitStaffAnswerDraftEndpoint,
  returnStaffAnswerDraft: deskCard.returnStaffAnswerDraftEndpoint,
  approveStaffAnswerDraft: deskCard.approveStaffAnswerDraftEndpoint,
  listStaffAppealTemplates: deskCard.listStaffAppealTemplatesEndpoint,
  listAnswerTemplates: deskCard.listAnswerTemplatesEndpoint,
  putAnswerTemplate: deskCard.putAnswerTemplateEndpoint,
  deleteAnswerTemplate: deskCard.deleteAnswerTemplateEndpoint,
  getStaffMailPreferences: deskCard.getStaffMailPreferencesEndpoint,
  putStaffMailPreferences: deskCard.putStaffMailPreferencesEndpoint,
  uploadStaffAnswerAttachment: deskCard.uploadStaffAnswerAttachmentEndpoint,
  deleteStaffAnswerAttachment: deskCard.deleteStaffAnswerAttachmentEndpoint,
  getCalendarYear: getCalendarYearEndpoint,
  putCalendarDay: putCalendarDayEndpoint,
  deleteCalendarDay: deleteCalendarDayEndpoint,
  listOrganizationAppeals: listOrganizationAppealsEndpoint,
  getStaffAppealReport: staffReports.getStaffAppealReportEndpoint,
  exportStaffAppealReportCsv: staffReports.exportStaffAppealReportCsvEndpoint,
  exportStaffAppealReportXlsx: staffReports.exportStaffAppealReportXlsxEndpoint,
  listAppealClassifier: staffReports.listAppealClassifierEndpoint,
  importAppealClassifier: staffReports.importAppealClassifierEndpoint,
  listTopicClassifierCodes: staffReports.listTopicClassifierCodesEndpoint,
  setTopicClassifierCode: staffReports.setTopicClassifierCodeEndpoint,
  listStaffWebhooks: staffWebhooks.listStaffWebhooksEndpoint,
  createStaffWebhook: staffWebhooks.createStaffWebhookEndpoint,
  deleteStaffWebhook: staffWebhooks.deleteStaffWebhookEndpoint,
  listStaffWebhookDeliveries: staffWebhooks.listStaffWebhookDeliveriesEndpoint,
} as const satisfies Record<string, EndpointDefinition>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
