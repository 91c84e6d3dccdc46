import { defineMessages } from '@otklik/widget-core';

export const invitationMessages = defineMessages({
  ru: {
    title: 'Приглашение в консоль',
    failedTitle: 'Приглашение не подошло',
    noToken: 'Ссылка неполная. Откройте ссылку из письма целиком или попросите прислать новое приглашение.',
    acceptedTitle: 'Приглашение принято',
    acceptedText:
      'Роль в организации {organization} назначена адресу {email}. Войдите с этим адресом: код придёт письмом.',
    signIn: 'Войти',
  },
  be: {
    title: 'Запрашэнне ў кансоль',
    failedTitle: 'Запрашэнне не падышло',
    noToken: 'Спасылка няпоўная. Адкрыйце спасылку з ліста цалкам або папрасіце даслаць новае запрашэнне.',
    acceptedTitle: 'Запрашэнне прынята',
    acceptedText:
      'Роля ў арганізацыі {organization} прызначана адрасу {email}. Увайдзіце з гэтым адрасам: код прыйдзе лістом.',
    signIn: 'Увайсці',
  },
  en: {
    title: 'Invitation to the console',
    failedTitle: 'The invitation did not work',
    noToken: 'The link is incomplete. Open the whole link from the e-mail, or ask for a new invitation.',
    acceptedTitle: 'Invitation accepted',
    acceptedText:
      '{email} now holds a role in {organization}. Sign in with this address: a code arrives by e-mail.',
    signIn: 'Sign in',
  },
});
