import { defineMessages } from '@otklik/widget-core';

export const sectionMessages = defineMessages({
  ru: {
    emptyTitle: 'Раздел ещё не открыт',
    emptyText:
      'Он заработает, когда сотрудники смогут входить в консоль. Пока обращения и настройки доступны через API портала.',
    apiLink: 'Справочник API',
  },
  be: {
    emptyTitle: 'Раздзел яшчэ не адкрыты',
    emptyText:
      'Ён запрацуе, калі супрацоўнікі змогуць уваходзіць у кансоль. Пакуль звароты і налады даступныя праз API партала.',
    apiLink: 'Даведнік API',
  },
  en: {
    emptyTitle: 'This section is not open yet',
    emptyText:
      'It starts working once staff can sign in to the console. Until then, appeals and settings are available through the portal API.',
    apiLink: 'API reference',
  },
});
