import { defineMessages } from '@otklik/widget-core';

export const portalAuditLogMessages = defineMessages({
  ru: {
    title: 'Журнал портала',
    intro:
      'Действия на уровне портала: входы администраторов портала и сотрудников без роли в организации, создание и импорт организаций, приглашения администраторов, импорт классификатора, изменения календарей.',
    back: 'Администрирование',
    colOrganization: 'Организация',
    notAdminTitle: 'Только для администраторов портала',
    notAdminText: 'Журнал портала читают администраторы портала.',
  },
  be: {
    title: 'Журнал партала',
    intro:
      'Дзеянні на ўзроўні партала: уваходы адміністратараў партала і супрацоўнікаў без ролі ў арганізацыі, стварэнне і імпарт арганізацый, запрашэнні адміністратараў, імпарт класіфікатара, змены календароў.',
    back: 'Адміністраванне',
    colOrganization: 'Арганізацыя',
    notAdminTitle: 'Толькі для адміністратараў партала',
    notAdminText: 'Журнал партала чытаюць адміністратары партала.',
  },
  en: {
    title: 'Portal log',
    intro:
      'What happens at the portal level: portal administrators and people without a role in an organisation signing in, organisations created and imported, administrators invited, the classifier imported, calendars changed.',
    back: 'Administration',
    colOrganization: 'Organisation',
    notAdminTitle: 'For portal administrators only',
    notAdminText: 'The portal log is read by the portal’s administrators.',
  },
});
