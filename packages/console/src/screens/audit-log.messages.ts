import { defineMessages } from '@otklik/widget-core';

export const auditLogMessages = defineMessages({
  ru: {
    title: 'Журнал действий',
    intro:
      'Каждое чтение и изменение сотрудников и ключей — кто, когда и что. Персональных данных в журнале нет.',
    emptyTitle: 'Записей нет',
    emptyText: 'Здесь появятся действия сотрудников.',
    caption: 'Журнал действий, новые сверху',
    colAt: 'Когда',
    colActor: 'Кто',
    colAction: 'Действие',
    colAppeal: 'Обращение',
    older: 'Более ранние записи',
    gone: '(удалён)',
  },
  be: {
    title: 'Журнал дзеянняў',
    intro:
      'Кожнае чытанне і змяненне супрацоўнікаў і ключоў — хто, калі і што. Персанальных даных у журнале няма.',
    emptyTitle: 'Запісаў няма',
    emptyText: 'Тут з’явяцца дзеянні супрацоўнікаў.',
    caption: 'Журнал дзеянняў, новыя зверху',
    colAt: 'Калі',
    colActor: 'Хто',
    colAction: 'Дзеянне',
    colAppeal: 'Зварот',
    older: 'Больш раннія запісы',
    gone: '(выдалены)',
  },
  en: {
    title: 'Audit log',
    intro: 'Every read and change by staff and keys — who, when, what. No personal data is kept here.',
    emptyTitle: 'No entries',
    emptyText: 'Staff actions will appear here.',
    caption: 'Audit log, newest first',
    colAt: 'When',
    colActor: 'Who',
    colAction: 'Action',
    colAppeal: 'Appeal',
    older: 'Older entries',
    gone: '(removed)',
  },
});
