import type { RefusalTexts } from './texts.ts';

/** The console's words for each refusal reason, in English (loaded only for a reader of it: see ../refusals.ts). */
export default {
  'csrf-token-invalid':
    'This page is out of date: the console has been open a long time or you signed in in another tab. Reload the page and try again.',
  'api-key-invalid': 'The API key is not valid: it is wrong or revoked. Ask an administrator for a new one.',
  'permission-missing':
    'You do not have the rights for this in this organisation. If your work needs them, ask the organisation’s administrator.',
  'api-key-other-organization':
    'An API key acts only in its own organisation (and, for figures, in the organisations below it).',
  'mine-needs-person':
    'The “Mine” filter works only for a person signed in to the console. Choose an executor.',
  'appeal-closed': 'The appeal is closed already; nothing more can be done with it. Reload the card.',
  'transition-not-allowed':
    'This step is not possible in the appeal’s current status: a colleague may have changed it. Reload the card and check the status.',
  'appeal-merged':
    'This appeal is merged into another as a duplicate. Prepare the answer in the main appeal: it goes to both.',
  'appeal-withdrawn': 'The applicant withdrew this appeal; you can no longer write to them about it.',
  'extension-limit': 'The term of this appeal was extended already, and it can be extended only once.',
  'extension-date-out-of-range':
    'The new term must be later than the current one and no later than the law allows. Choose another date.',
  'internal-due-after-legal':
    'The internal due date cannot be after the legal one. Choose a date no later than the answer’s due date.',
  'executor-only':
    'The executor the appeal is assigned to drafts its answer. Ask the coordinator to assign you.',
  'not-an-executor': 'This person holds no executor role in the organisation. Choose someone else.',
  'duplicate-of-itself': 'An appeal cannot duplicate itself. Choose another appeal.',
  'duplicate-not-found': 'There is no such appeal in your organisation. Check which appeal is chosen.',
  'duplicate-not-open': 'Only open appeals can be merged, and one of them is closed.',
  'duplicate-already-merged': 'One of the appeals is merged into another already. Reload the card.',
  'duplicate-has-duplicates':
    'The chosen appeal has duplicates of its own. Merge the other way: open it and add this one.',
  'draft-missing': 'There is no draft answer yet. Write the answer and save it.',
  'draft-on-approval':
    'The draft is on approval and cannot be changed. Wait for the decision or ask the approver to return it.',
  'answer-already-sent': 'The answer was sent to the applicant already and cannot be changed.',
  'draft-not-on-approval':
    'This draft is not waiting for approval: it was returned or not submitted yet. Reload the card.',
  'draft-result-missing': 'Choose the result of the consideration before sending the answer for approval.',
  'draft-text-missing': 'Write the answer’s text before sending it for approval.',
  'answer-has-blanks':
    'The answer still has places from the template to fill in (in square brackets, such as “[…]”). Replace them with your own text; an approver can return such an answer to the executor with a comment.',
  'answer-files-limit': 'The answer has as many files as allowed. Remove one to add another.',
  'due-period-reversed': 'The end of the period is before its start. Swap the dates.',
  'person-only': 'Only a person signed in to the console can do this, not an API key.',
  'portal-administrator-only': 'Only a portal administrator can do this. Ask one.',
  'last-administrator':
    'The organisation would be left without an administrator. Make someone else an administrator first.',
  'invitation-invalid': 'This invitation is unknown, used or expired. Ask the administrator for a new one.',
  'organization-id-taken': 'Another organisation has this id already. Choose another.',
  'parent-organization-unknown': 'There is no parent organisation with this id. Check it.',
  'csv-columns-missing':
    'The first line of the file lacks columns it needs. Compare the headers with the sample.',
  'sign-in-code-wrong': 'The code does not match. Check the digits from the e-mail and enter them again.',
  'sign-in-code-expired': 'The code has expired. Ask for a new one.',
  'sign-in-code-used': 'This code was used already. Ask for a new one.',
  'sign-in-unknown': 'This sign-in was not found. Start signing in again.',
  'totp-code-missing': 'Enter the code from your authenticator app.',
  'totp-code-wrong':
    'The code from the app does not match. Check your phone’s clock and enter the current code.',
  'totp-code-reused': 'This code was used already. Wait for the next code in the app.',
  'too-many-wrong-codes': 'Too many wrong codes. Start signing in again and ask for a new code.',
  'too-many-codes-requested':
    'Many codes were sent to this address recently. Wait a few minutes and ask again.',
  'totp-already-set-up': 'An authenticator is set up already. To replace it, remove the old one first.',
  'totp-enrolment-not-started': 'Setting up the authenticator has not started. Start it again.',
  'totp-not-set-up': 'No authenticator is set up; there is nothing to remove.',
  'totp-required-by-organization':
    'Your organisation requires signing in with an authenticator, so it cannot be removed.',
  'oidc-sign-in-expired': 'This sign-in is already finished or has expired. Start again.',
  'oidc-other-browser': 'The sign-in was started in another browser. Start it again here.',
  'oidc-not-confirmed':
    'The sign-in service did not confirm the sign-in. Start again, or sign in with the code from an e-mail.',
  'oidc-email-unverified':
    'The sign-in service has not confirmed your e-mail address. Sign in with the code from an e-mail.',
  'no-staff-account':
    'There is no staff account for this address. Ask your organisation’s administrator to invite you.',
  'identity-provider-unavailable':
    'The sign-in service is not answering. Try again later or sign in with the code from an e-mail.',
  'origins-limit': 'As many sites as allowed are added. Remove one you do not need to add another.',
  'first-language-required': 'Fill in the text in the organisation’s main language.',
  'language-not-offered':
    'This language is not chosen in the organisation’s settings. Add it there or remove the text.',
  'topic-order-incomplete':
    'The list of topics changed while you were ordering it. Reload the page and try again.',
  'oidc-provider-unknown': 'The portal does not know this sign-in service. Choose one it offers.',
  'identity-method-required':
    'At least one way to confirm identity is needed: keep the e-mail code or a sign-in service.',
  'above-portal-limit': 'The value is more than the portal allows. Make it smaller.',
  'media-type-not-taken': 'The portal does not take files of this type. Remove it from the list.',
  'criteria-set-unknown': 'There is no such set of criteria. Choose one from the list.',
  'criteria-set-id-taken': 'This set id is built in or used by another organisation. Choose another.',
  'host-not-found': 'There is no such address on the internet. Check how it is written.',
  'address-not-public':
    'The address leads into an internal network, which the portal does not call. Give an address reachable from the internet.',
  'too-many-redirects': 'The page redirects to other addresses too many times. Give its final address.',
  'webhooks-limit': 'As many webhooks as allowed are added. Remove one you do not need to add another.',
  'day-kind-mismatch':
    'This kind does not fit the day of the week: a Saturday or Sunday can only become a working day, a weekday only a day off or a holiday.',
  'day-already-ordinary': 'This day follows the ordinary week already; there is nothing to undo.',
  'classifier-rows-refused':
    'Some lines of the file are wrong, so nothing was imported. Fix them and import the file again.',
  'classifier-code-format': 'The code must look like 0002.0013.0000.0000.',
  'classifier-title-length': 'The title must have 1 to 1000 characters.',
  'classifier-title-unreadable': 'The title cannot be read: save the file as UTF-8 or Windows-1251.',
  'classifier-code-twice': 'This code appears twice in the file.',
  'classifier-code-unknown': 'This code is not in the classifier. Check the code or import the classifier.',
  'csv-empty': 'The file has no lines. It needs a "code;title" line for each topic.',
} satisfies RefusalTexts;
