import { defineMessages } from '@otklik/widget-core';

export const notFoundMessages = defineMessages({
  ru: {
    title: 'Страница не найдена',
    text: 'Такой страницы в консоли нет: возможно, ссылка устарела или в адресе опечатка.',
    home: 'На главную',
  },
  be: {
    title: 'Старонка не знойдзена',
    text: 'Такой старонкі ў кансолі няма: магчыма, спасылка састарэла або ў адрасе памылка.',
    home: 'На галоўную',
  },
  en: {
    title: 'Page not found',
    text: 'There is no such page in the console: the link may be out of date, or the address mistyped.',
    home: 'Go to the home page',
  },
});
