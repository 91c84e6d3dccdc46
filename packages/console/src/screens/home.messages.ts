import { defineMessages } from '@otklik/widget-core';

export const homeMessages = defineMessages({
  ru: {
    adminTitle: 'Ваша организация',
    adminPeople: 'Сотрудники и роли',
    adminKeys: 'Ключи API',
    adminWebhooks: 'Вебхуки для СЭД',
    adminAudit: 'Журнал действий',
    title: 'Добро пожаловать',
    intro:
      'Консоль организации: обращения граждан и сроки ответов, отчёты, оценки качества услуг и настройки виджетов на сайте.',
    sectionsTitle: 'Разделы',
    signInTitle: 'Вход для сотрудников',
    signInText:
      'Чтобы работать с обращениями своей организации, войдите по рабочему адресу электронной почты.',
    signInAction: 'Перейти ко входу',
    'about.queue': 'Все обращения организации со сроками ответа: новые, на этой неделе, просроченные.',
    'about.queueMine': 'Назначенные вам — на вкладке «Мои».',
    'about.queueAwaiting': 'Ответы, ждущие вашего согласования, — на вкладке «Ждут моего согласования».',
    'about.reports': 'Ежемесячный отчёт по обращениям в категориях ССТУ и выгрузка в CSV и XLSX.',
    'about.ratings': 'Оценки качества услуг: динамика по критериям, место среди организаций, отзывы.',
    'about.settings': 'Профиль, сайты, согласие на обработку данных, темы обращений, сотрудники и роли.',
    'about.administration':
      'Организации портала, приглашения администраторов, календари нерабочих дней и журнал портала.',
  },
  be: {
    adminTitle: 'Ваша арганізацыя',
    adminPeople: 'Супрацоўнікі і ролі',
    adminKeys: 'Ключы API',
    adminWebhooks: 'Вэбхукі для СЭД',
    adminAudit: 'Журнал дзеянняў',
    title: 'Вітаем',
    intro:
      'Кансоль арганізацыі: звароты грамадзян і тэрміны адказаў, справаздачы, ацэнкі якасці паслуг і налады віджэтаў на сайце.',
    sectionsTitle: 'Раздзелы',
    signInTitle: 'Уваход для супрацоўнікаў',
    signInText:
      'Каб працаваць са зваротамі сваёй арганізацыі, увайдзіце па працоўным адрасе электроннай пошты.',
    signInAction: 'Перайсці да ўваходу',
    'about.queue': 'Усе звароты арганізацыі з тэрмінамі адказу: новыя, на гэтым тыдні, пратэрмінаваныя.',
    'about.queueMine': 'Прызначаныя вам — на ўкладцы «Мае».',
    'about.queueAwaiting': 'Адказы, што чакаюць вашага ўзгаднення, — на ўкладцы «Чакаюць майго ўзгаднення».',
    'about.reports': 'Штомесячная справаздача па зваротах у катэгорыях ССТУ і выгрузка ў CSV і XLSX.',
    'about.ratings': 'Ацэнкі якасці паслуг: дынаміка па крытэрыях, месца сярод арганізацый, водгукі.',
    'about.settings': 'Профіль, сайты, згода на апрацоўку даных, тэмы зваротаў, супрацоўнікі і ролі.',
    'about.administration':
      'Арганізацыі партала, запрашэнні адміністратараў, календары непрацоўных дзён і журнал партала.',
  },
  en: {
    adminTitle: 'Your organisation',
    adminPeople: 'People and roles',
    adminKeys: 'API keys',
    adminWebhooks: 'Webhooks for document systems',
    adminAudit: 'Audit log',
    title: 'Welcome',
    intro:
      'Your organisation’s console: citizens’ appeals and their deadlines, reports, service-quality ratings and the settings of the widgets on your site.',
    sectionsTitle: 'Sections',
    signInTitle: 'Staff sign-in',
    signInText: 'To work with your organisation’s appeals, sign in with your work e-mail address.',
    signInAction: 'Go to sign-in',
    'about.queue': 'All the organisation’s appeals with their deadlines: new, due this week, overdue.',
    'about.queueMine': 'Those assigned to you are under the “Mine” tab.',
    'about.queueAwaiting': 'Answers awaiting your approval are under the “Awaiting my approval” tab.',
    'about.reports': 'The monthly appeals report in the ССТУ categories, exported as CSV and XLSX.',
    'about.ratings': 'Service-quality ratings: trends by criterion, position among organisations, comments.',
    'about.settings': 'Profile, sites, the personal-data consent, appeal topics, people and roles.',
    'about.administration':
      'The portal’s organisations, administrator invitations, calendars of non-working days and the portal log.',
  },
});
