import { defineMessages } from '@otklik/widget-core';

/** Texts of the shell: header, navigation, language switch, page titles. */
export const shellMessages = defineMessages({
  ru: {
    organization: 'Организация',
    organizationChosen: 'Вы работаете в организации «{name}»',
    product: 'Отклик',
    consoleName: 'консоль',
    skipLink: 'Перейти к содержанию',
    menu: 'Меню',
    sections: 'Разделы',
    language: 'Язык интерфейса',
    'nav.queue': 'Очередь',
    'nav.reports': 'Отчёты',
    'nav.ratings': 'Оценки',
    'nav.settings': 'Настройки',
    'nav.administration': 'Администрирование',
    screenFailedTitle: 'Страница не открылась',
    screenFailedText:
      'Не удалось загрузить эту часть консоли: возможно, прервалась связь или консоль обновилась. Обновите страницу.',
    reload: 'Обновить страницу',
  },
  be: {
    organization: 'Арганізацыя',
    organizationChosen: 'Вы працуеце ў арганізацыі «{name}»',
    product: 'Водгук',
    consoleName: 'кансоль',
    skipLink: 'Перайсці да зместу',
    menu: 'Меню',
    sections: 'Раздзелы',
    language: 'Мова інтэрфейсу',
    'nav.queue': 'Чарга',
    'nav.reports': 'Справаздачы',
    'nav.ratings': 'Ацэнкі',
    'nav.settings': 'Налады',
    'nav.administration': 'Адміністраванне',
    screenFailedTitle: 'Старонка не адкрылася',
    screenFailedText:
      'Не ўдалося загрузіць гэтую частку кансолі: магчыма, перарвалася сувязь або кансоль абнавілася. Абнавіце старонку.',
    reload: 'Абнавіць старонку',
  },
  en: {
    organization: 'Organisation',
    organizationChosen: 'You are working in {name}',
    product: 'Otklik',
    consoleName: 'console',
    skipLink: 'Skip to content',
    menu: 'Menu',
    sections: 'Sections',
    language: 'Interface language',
    'nav.queue': 'Queue',
    'nav.reports': 'Reports',
    'nav.ratings': 'Ratings',
    'nav.settings': 'Settings',
    'nav.administration': 'Administration',
    screenFailedTitle: 'The page did not open',
    screenFailedText:
      'This part of the console could not be loaded: the connection may have dropped or the console was updated. Reload the page.',
    reload: 'Reload the page',
  },
});

export type ShellMessage = keyof (typeof shellMessages)['ru'];
