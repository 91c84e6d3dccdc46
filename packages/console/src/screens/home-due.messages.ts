import { defineMessages } from '@otklik/widget-core';

/** The home screen's figures; each names its count, so the link alone says what it opens. */
export const homeDueMessages = defineMessages({
  ru: {
    title: 'Что ждёт ответа',
    overdue: {
      one: '{count} обращение просрочено',
      few: '{count} обращения просрочены',
      many: '{count} обращений просрочено',
      other: '{count} обращения просрочено',
    },
    week: {
      one: '{count} обращение со сроком в ближайшие 7 дней',
      few: '{count} обращения со сроком в ближайшие 7 дней',
      many: '{count} обращений со сроком в ближайшие 7 дней',
      other: '{count} обращения со сроком в ближайшие 7 дней',
    },
    new: {
      one: '{count} новое обращение ждёт рассмотрения',
      few: '{count} новых обращения ждут рассмотрения',
      many: '{count} новых обращений ждут рассмотрения',
      other: '{count} нового обращения ждут рассмотрения',
    },
    mine: {
      one: '{count} обращение поручено вам',
      few: '{count} обращения поручены вам',
      many: '{count} обращений поручено вам',
      other: '{count} обращения поручено вам',
    },
    awaiting: {
      one: '{count} ответ ждёт вашего согласования',
      few: '{count} ответа ждут вашего согласования',
      many: '{count} ответов ждут вашего согласования',
      other: '{count} ответа ждут вашего согласования',
    },
  },
  be: {
    title: 'Што чакае адказу',
    overdue: {
      one: '{count} зварот пратэрмінаваны',
      few: '{count} звароты пратэрмінаваныя',
      many: '{count} зваротаў пратэрмінавана',
      other: '{count} звароту пратэрмінавана',
    },
    week: {
      one: '{count} зварот з тэрмінам у бліжэйшыя 7 дзён',
      few: '{count} звароты з тэрмінам у бліжэйшыя 7 дзён',
      many: '{count} зваротаў з тэрмінам у бліжэйшыя 7 дзён',
      other: '{count} звароту з тэрмінам у бліжэйшыя 7 дзён',
    },
    new: {
      one: '{count} новы зварот чакае разгляду',
      few: '{count} новыя звароты чакаюць разгляду',
      many: '{count} новых зваротаў чакаюць разгляду',
      other: '{count} новага звароту чакаюць разгляду',
    },
    mine: {
      one: '{count} зварот даручаны вам',
      few: '{count} звароты даручаны вам',
      many: '{count} зваротаў даручана вам',
      other: '{count} звароту даручана вам',
    },
    awaiting: {
      one: '{count} адказ чакае вашага ўзгаднення',
      few: '{count} адказы чакаюць вашага ўзгаднення',
      many: '{count} адказаў чакаюць вашага ўзгаднення',
      other: '{count} адказу чакаюць вашага ўзгаднення',
    },
  },
  en: {
    title: 'What is due',
    overdue: { one: '{count} appeal overdue', other: '{count} appeals overdue' },
    week: { one: '{count} appeal due within 7 days', other: '{count} appeals due within 7 days' },
    new: { one: '{count} new appeal awaiting review', other: '{count} new appeals awaiting review' },
    mine: { one: '{count} appeal assigned to you', other: '{count} appeals assigned to you' },
    awaiting: {
      one: '{count} answer awaiting your approval',
      other: '{count} answers awaiting your approval',
    },
  },
});
