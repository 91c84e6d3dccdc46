import { defineMessages } from '@otklik/widget-core';

export const accessKitMessages = defineMessages({
  ru: {
    signedOutTitle: 'Нужно войти',
    signedOutText: 'Этот раздел доступен сотрудникам после входа.',
    signIn: 'Войти',
  },
  be: {
    signedOutTitle: 'Трэба ўвайсці',
    signedOutText: 'Гэты раздзел даступны супрацоўнікам пасля ўваходу.',
    signIn: 'Увайсці',
  },
  en: {
    signedOutTitle: 'Sign in first',
    signedOutText: 'This part of the console is for staff who have signed in.',
    signIn: 'Sign in',
  },
});
