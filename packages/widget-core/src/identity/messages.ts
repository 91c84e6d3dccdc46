import { defineMessages } from '../i18n.ts';

/**
 * Texts of the identity step, for the appeal form and the rating form alike (a lazy chunk, with these
 * texts). The title and introduction say what the identity is for: an appeal is considered only from
 * an identified applicant; a rating counts as identified, or may need to be.
 */
export const identityMessages = defineMessages({
  ru: {
    appealTitle: 'Подтверждение личности',
    appealIntro:
      'Электронное обращение рассматривается, только если личность заявителя подтверждена. Получите код на адрес электронной почты и введите его.',
    ratingTitle: 'Подтверждение адреса электронной почты',
    ratingOptional:
      'Необязательно. Если подтвердить адрес кодом из письма, оценка будет учтена как оценка с подтверждённой личностью.',
    ratingNeeded: 'Чтобы оценить услугу, подтвердите адрес электронной почты кодом из письма.',
    required: 'обязательное поле',
    email: 'Адрес электронной почты',
    sendCode: 'Получить код',
    codeSent: 'Код отправлен на {email}. Проверьте почту (и папку «Спам»).',
    code: 'Код из письма (6 цифр)',
    verify: 'Подтвердить',
    resendIn: {
      one: 'Новый код можно запросить через {count} секунду',
      few: 'Новый код можно запросить через {count} секунды',
      many: 'Новый код можно запросить через {count} секунд',
      other: 'Новый код можно запросить через {count} секунды',
    },
    resend: 'Отправить код ещё раз',
    verified: 'Адрес {email} подтверждён',
    badCode: 'Код неверный или устарел. Проверьте его или запросите новый.',
    errEmail: 'Введите адрес электронной почты, например name@example.ru',
    errCode: 'Введите 6 цифр из письма',
    rateLimited: {
      one: 'Слишком много попыток. Повторите через {count} минуту.',
      few: 'Слишком много попыток. Повторите через {count} минуты.',
      many: 'Слишком много попыток. Повторите через {count} минут.',
      other: 'Слишком много попыток. Повторите через {count} минуты.',
    },
    networkError: 'Нет связи с сервером. Попробуйте ещё раз.',
    oidcLogin: 'Войти через {name}',
    oidcOr: 'или войдите через внешнюю учётную запись:',
    oidcWaiting: 'Завершите вход в открывшемся окне.',
    oidcFailed: 'Войти не удалось. Попробуйте ещё раз или получите код по почте.',
    popupBlocked:
      'Браузер не открыл окно входа. Разрешите всплывающие окна для этого сайта и попробуйте ещё раз.',
  },
  be: {
    appealTitle: 'Пацвярджэнне асобы',
    appealIntro:
      'Электронны зварот разглядаецца, толькі калі асоба заяўніка пацверджана. Атрымайце код на адрас электроннай пошты і ўвядзіце яго.',
    ratingTitle: 'Пацвярджэнне адраса электроннай пошты',
    ratingOptional:
      'Неабавязкова. Калі пацвердзіць адрас кодам з ліста, ацэнка будзе ўлічана як ацэнка з пацверджанай асобай.',
    ratingNeeded: 'Каб ацаніць паслугу, пацвердзіце адрас электроннай пошты кодам з ліста.',
    required: 'абавязковае поле',
    email: 'Адрас электроннай пошты',
    sendCode: 'Атрымаць код',
    codeSent: 'Код адпраўлены на {email}. Праверце пошту (і тэчку «Спам»).',
    code: 'Код з ліста (6 лічбаў)',
    verify: 'Пацвердзіць',
    resendIn: {
      one: 'Новы код можна запытаць праз {count} секунду',
      few: 'Новы код можна запытаць праз {count} секунды',
      many: 'Новы код можна запытаць праз {count} секунд',
      other: 'Новы код можна запытаць праз {count} секунды',
    },
    resend: 'Адправіць код яшчэ раз',
    verified: 'Адрас {email} пацверджаны',
    badCode: 'Код няправільны або састарэў. Праверце яго або запытайце новы.',
    errEmail: 'Увядзіце адрас электроннай пошты, напрыклад name@example.by',
    errCode: 'Увядзіце 6 лічбаў з ліста',
    rateLimited: {
      one: 'Занадта шмат спроб. Паўтарыце праз {count} хвіліну.',
      few: 'Занадта шмат спроб. Паўтарыце праз {count} хвіліны.',
      many: 'Занадта шмат спроб. Паўтарыце праз {count} хвілін.',
      other: 'Занадта шмат спроб. Паўтарыце праз {count} хвіліны.',
    },
    networkError: 'Няма сувязі з серверам. Паспрабуйце яшчэ раз.',
    oidcLogin: 'Увайсці праз {name}',
    oidcOr: 'або ўвайдзіце праз знешні ўліковы запіс:',
    oidcWaiting: 'Завяршыце ўваход у акне, якое адкрылася.',
    oidcFailed: 'Увайсці не атрымалася. Паспрабуйце яшчэ раз або атрымайце код па пошце.',
    popupBlocked:
      'Браўзер не адкрыў акно ўваходу. Дазвольце ўсплывальныя вокны для гэтага сайта і паспрабуйце яшчэ раз.',
  },
  en: {
    appealTitle: 'Identity confirmation',
    appealIntro:
      'An electronic appeal is considered only when the applicant is identified. Get a code at your e-mail address and enter it.',
    ratingTitle: 'E-mail confirmation',
    ratingOptional:
      'Optional. If you confirm your address with the code from an e-mail, the rating counts as one from an identified person.',
    ratingNeeded: 'To rate the service, confirm your e-mail address with the code from an e-mail.',
    required: 'required',
    email: 'E-mail address',
    sendCode: 'Get a code',
    codeSent: 'A code was sent to {email}. Check your mail (and the spam folder).',
    code: 'Code from the e-mail (6 digits)',
    verify: 'Confirm',
    resendIn: {
      one: 'You can request a new code in {count} second',
      other: 'You can request a new code in {count} seconds',
    },
    resend: 'Send the code again',
    verified: 'Address {email} confirmed',
    badCode: 'The code is wrong or has expired. Check it or request a new one.',
    errEmail: 'Enter an e-mail address, such as name@example.org',
    errCode: 'Enter the 6 digits from the e-mail',
    rateLimited: {
      one: 'Too many attempts. Try again in {count} minute.',
      other: 'Too many attempts. Try again in {count} minutes.',
    },
    networkError: 'The server could not be reached. Please try again.',
    oidcLogin: 'Sign in with {name}',
    oidcOr: 'or sign in with an external account:',
    oidcWaiting: 'Finish signing in in the window that opened.',
    oidcFailed: 'Signing in failed. Try again or get a code by e-mail.',
    popupBlocked: 'The browser did not open the sign-in window. Allow pop-ups for this site and try again.',
  },
});
