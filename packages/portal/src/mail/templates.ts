import type { Language } from '@otklik/client/schemas';
import type { MailKind, MailPayload } from './outbox.ts';

export interface RenderedMail {
  subject: string;
  text: string;
}

/** Plain-text mails in the applicant's language (ru, be, en): readable in every client. */
type Texts = {
  [K in MailKind]: (p: MailPayload<K>) => RenderedMail;
};

const STATUS: Record<Language, Record<string, string>> = {
  ru: {
    registered: 'зарегистрировано',
    in_review: 'на рассмотрении',
    extended: 'рассмотрение продлено',
    forwarded: 'направлено по компетенции',
    answered: 'рассмотрено',
    left_without_answer: 'оставлено без ответа автору',
    withdrawn: 'отозвано заявителем',
  },
  be: {
    registered: 'зарэгістравана',
    in_review: 'на разглядзе',
    extended: 'разгляд падоўжаны',
    forwarded: 'накіравана па кампетэнцыі',
    answered: 'разгледжана',
    left_without_answer: 'пакінута без адказу',
    withdrawn: 'адклікана заяўнікам',
  },
  en: {
    registered: 'registered',
    in_review: 'in review',
    extended: 'consideration extended',
    forwarded: 'forwarded to the competent body',
    answered: 'answered',
    left_without_answer: 'left without an answer',
    withdrawn: 'withdrawn by the applicant',
  },
};

const RESULT: Record<Language, Record<string, string>> = {
  ru: {
    supported: 'поддержано',
    supported_measures_taken: 'поддержано, меры приняты',
    not_supported: 'не поддержано',
    explained: 'разъяснено',
  },
  be: {
    supported: 'падтрымана',
    supported_measures_taken: 'падтрымана, меры прыняты',
    not_supported: 'не падтрымана',
    explained: 'растлумачана',
  },
  en: {
    supported: 'supported',
    supported_measures_taken: 'supported, measures taken',
    not_supported: 'not supported',
    explained: 'explained',
  },
};

const ROLE: Record<Language, Record<string, string>> = {
  ru: {
    administrator: 'администратор',
    coordinator: 'координатор',
    executor: 'исполнитель',
    approver: 'согласующий',
    analyst: 'аналитик',
  },
  be: {
    administrator: 'адміністратар',
    coordinator: 'каардынатар',
    executor: 'выканаўца',
    approver: 'узгадняльнік',
    analyst: 'аналітык',
  },
  en: {
    administrator: 'administrator',
    coordinator: 'coordinator',
    executor: 'executor',
    approver: 'approver',
    analyst: 'analyst',
  },
};

const link = (lang: Language, url: string | null, key: string) =>
  url ?? `${{ ru: 'Код доступа', be: 'Код доступу', en: 'Access code' }[lang]}: ${key}`;

/**
 * A calendar date `YYYY-MM-DD` as the widgets write it: «5 января 2027 г.», «5 студзеня 2027 г.»,
 * "5 January 2027", with non-breaking spaces so that «г.» never ends a line alone.
 */
export function mailDate(lang: Language, isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(date)
    .replace(/^(\d{1,2}) /, '$1\u00a0')
    .replace(/ (г\.)$/, '\u00a0$1');
}

/** A name in «ёлочки»; quotes inside it become „лапки“ (`«Школа „Ромашка“»`, never `«…«…»»`). */
export const quoted = (name: string) => `«${name.replace(/«/g, '„').replace(/»/g, '“')}»`;

const TYPE: Record<Language, Record<string, string>> = {
  ru: { proposal: 'предложение', application: 'заявление', complaint: 'жалоба' },
  be: { proposal: 'прапанова', application: 'заява', complaint: 'скарга' },
  en: { proposal: 'proposal', application: 'application', complaint: 'complaint' },
};

const COPY: Record<Language, { title: string; type: string; topic: string }> = {
  ru: { title: 'Копия вашего обращения', type: 'Вид', topic: 'Тема' },
  be: { title: 'Копія вашага звароту', type: 'Від', topic: 'Тэма' },
  en: { title: 'A copy of your appeal', type: 'Type', topic: 'Topic' },
};

/** The registration date line and the copy of what was sent, when the payload has them. */
function sentCopy(lang: Language, p: MailPayload<'appeal-registered'>): string {
  if (!p.copy) return '';
  const c = COPY[lang];
  return `\n${c.title}:\n${c.type}: ${TYPE[lang][p.copy.type] ?? p.copy.type}\n${
    p.copy.topic ? `${c.topic}: ${p.copy.topic}\n` : ''
  }\n${p.copy.text}\n`;
}

const registered = (lang: Language, p: MailPayload<'appeal-registered'>) =>
  p.registeredDate
    ? `${{ ru: 'Дата регистрации', be: 'Дата рэгістрацыі', en: 'Registered on' }[lang]}: ${mailDate(lang, p.registeredDate)}\n`
    : '';

const NOTICE: Record<Language, Record<string, string>> = {
  ru: {
    'new-appeal': 'новое обращение',
    'applicant-wrote': 'заявитель написал',
    'due-soon': 'срок через 3 дня',
    overdue: 'срок истёк',
    'draft-submitted': 'ответ отправлен вам на согласование',
    'draft-returned': 'ответ возвращён на доработку',
    'draft-approved': 'ответ согласован и отправлен заявителю',
    by: 'кто',
    comment: 'комментарий',
  },
  be: {
    'new-appeal': 'новы зварот',
    'applicant-wrote': 'заяўнік напісаў',
    'due-soon': 'тэрмін праз 3 дні',
    overdue: 'тэрмін скончыўся',
    'draft-submitted': 'адказ адпраўлены вам на ўзгадненне',
    'draft-returned': 'адказ вернуты на дапрацоўку',
    'draft-approved': 'адказ узгоднены і адпраўлены заяўніку',
    by: 'хто',
    comment: 'каментарый',
  },
  en: {
    'new-appeal': 'new appeal',
    'applicant-wrote': 'the applicant wrote',
    'due-soon': 'due in 3 days',
    overdue: 'overdue',
    'draft-submitted': 'the answer was sent to you for approval',
    'draft-returned': 'the answer was returned for changes',
    'draft-approved': 'the answer was approved and sent to the applicant',
    by: 'by',
    comment: 'comment',
  },
};

const noticeLines = (lang: Language, p: MailPayload<'staff-notices'>, due: string, more: string) =>
  `${p.items
    .map(
      (i) =>
        `• № ${i.registrationNumber}: ${NOTICE[lang][i.kind] ?? i.kind} (${due} ${mailDate(lang, i.dueDate)})${
          i.by ? `\n  ${NOTICE[lang].by}: ${i.by}` : ''
        }${i.comment ? `\n  ${NOTICE[lang].comment}: ${i.comment}` : ''}${i.url ? `\n  ${i.url}` : ''}`,
    )
    .join('\n')}${p.more > 0 ? `\n${more} ${p.more}` : ''}\n`;

const TEXTS: Record<Language, Texts> = {
  ru: {
    'staff-notices': (p) => ({
      subject: p.digest
        ? `Обращения за день: ${p.items.length + p.more}, ${quoted(p.organizationName)}`
        : `Обращение № ${p.items[0]?.registrationNumber ?? ''}: ${NOTICE.ru[p.items[0]?.kind ?? ''] ?? ''}${p.items.length + p.more > 1 ? ` и ещё ${p.items.length + p.more - 1}` : ''}`,
      text: `${quoted(p.organizationName)}, консоль Отклика:\n\n${noticeLines('ru', p, 'срок', 'И ещё:')}\nНастроить письма можно в консоли, в разделе «Учётная запись».\n`,
    }),
    'staff-sign-in-code': (p) => ({
      subject: `Код входа в консоль: ${p.code}`,
      text: `Ваш код для входа в консоль Отклика: ${p.code}\nКод действует ${p.expiresMinutes} минут. Никому его не сообщайте. Если вы не входили, просто удалите это письмо.\n`,
    }),
    'staff-invitation': (p) => ({
      subject: `Приглашение: ${ROLE.ru[p.role] ?? p.role} в ${quoted(p.organizationName)}`,
      text: `Вас пригласили в консоль Отклика: роль «${ROLE.ru[p.role] ?? p.role}» в ${quoted(p.organizationName)}.\n\nПринять приглашение (ссылка действует ${p.expiresDays} дней):\n${p.inviteUrl}\n\nЗатем войдите с этим адресом: код придёт письмом.\n`,
    }),
    'email-code': (p) => ({
      subject: `Код подтверждения: ${p.code}`,
      text: `Ваш код для обращения в ${quoted(p.organizationName)}: ${p.code}\nКод действует ${p.expiresMinutes} минут. Если вы не запрашивали код, просто удалите это письмо.`,
    }),
    'appeal-registered': (p) => ({
      subject: `Обращение зарегистрировано: № ${p.registrationNumber}`,
      text: `${p.organizationName} зарегистрировало ваше обращение.\n\nРегистрационный номер: ${p.registrationNumber}\n${registered('ru', p)}Ответ должен быть дан не позднее: ${mailDate('ru', p.dueDate)}\n\nЧто дальше: обращение рассмотрят; о смене статуса и об ответе мы сообщим письмом. Если вопрос не относится к компетенции организации, обращение будет направлено по компетенции, и вы получите уведомление.\n\nСледить за обращением (личная ссылка, не пересылайте её):\n${link('ru', p.trackingUrl, p.accessKey)}\n${sentCopy('ru', p)}`,
    }),
    'status-changed': (p) => ({
      subject: `Обращение № ${p.registrationNumber}: ${STATUS.ru[p.status] ?? p.status}`,
      text: `Статус вашего обращения №\u00a0${p.registrationNumber} в ${quoted(p.organizationName)}: ${STATUS.ru[p.status] ?? p.status}.\n${p.note ? `Примечание: ${p.note}\n` : ''}Срок ответа: ${mailDate('ru', p.dueDate)}\n`,
    }),
    'appeal-answered': (p) => ({
      subject: `Ответ на обращение № ${p.registrationNumber}`,
      text: `${p.organizationName} рассмотрело ваше обращение №\u00a0${p.registrationNumber}.\nРезультат: ${RESULT.ru[p.result] ?? p.result}\n\n${p.text}\n\nОценить ответ можно по вашей личной ссылке.\n`,
    }),
    'new-message': (p) => ({
      subject: `Новое сообщение по обращению № ${p.registrationNumber}`,
      text: `${p.organizationName} пишет по обращению №\u00a0${p.registrationNumber}:\n\n${p.text}\n\nОтветить можно по вашей личной ссылке.\n`,
    }),
    'lost-link': (p) => ({
      subject: `Ссылка на обращение № ${p.registrationNumber}`,
      text: `Новая личная ссылка на обращение №\u00a0${p.registrationNumber} в ${quoted(p.organizationName)} (прежняя больше не действует):\n${link('ru', p.trackingUrl, p.accessKey)}\n\nЕсли вы не запрашивали ссылку, просто удалите это письмо.\n`,
    }),
  },
  be: {
    'staff-notices': (p) => ({
      subject: p.digest
        ? `Звароты за дзень: ${p.items.length + p.more}, ${quoted(p.organizationName)}`
        : `Зварот № ${p.items[0]?.registrationNumber ?? ''}: ${NOTICE.be[p.items[0]?.kind ?? ''] ?? ''}${p.items.length + p.more > 1 ? ` і яшчэ ${p.items.length + p.more - 1}` : ''}`,
      text: `${quoted(p.organizationName)}, кансоль Водгуку:\n\n${noticeLines('be', p, 'тэрмін', 'І яшчэ:')}\nНалады лістоў — у кансолі, у раздзеле «Уліковы запіс».\n`,
    }),
    'staff-sign-in-code': (p) => ({
      subject: `Код уваходу ў кансоль: ${p.code}`,
      text: `Ваш код для ўваходу ў кансоль Водгуку: ${p.code}\nКод дзейнічае ${p.expiresMinutes} хвілін. Нікому яго не паведамляйце.\n`,
    }),
    'staff-invitation': (p) => ({
      subject: `Запрашэнне: ${ROLE.be[p.role] ?? p.role} у ${quoted(p.organizationName)}`,
      text: `Вас запрасілі ў кансоль Водгуку: роля «${ROLE.be[p.role] ?? p.role}» у ${quoted(p.organizationName)}.\n\nПрыняць запрашэнне (спасылка дзейнічае ${p.expiresDays} дзён):\n${p.inviteUrl}\n\nПотым увайдзіце з гэтым адрасам: код прыйдзе лістом.\n`,
    }),
    'email-code': (p) => ({
      subject: `Код пацвярджэння: ${p.code}`,
      text: `Ваш код для звароту ў ${quoted(p.organizationName)}: ${p.code}\nКод дзейнічае ${p.expiresMinutes} хвілін. Калі вы не запытвалі код, проста выдаліце гэты ліст.`,
    }),
    'appeal-registered': (p) => ({
      subject: `Зварот зарэгістраваны: № ${p.registrationNumber}`,
      text: `${p.organizationName} зарэгістравала ваш зварот.\n\nРэгістрацыйны нумар: ${p.registrationNumber}\n${registered('be', p)}Адказ павінен быць дадзены не пазней за: ${mailDate('be', p.dueDate)}\n\nШто далей: зварот разгледзяць; пра змену статусу і пра адказ мы паведамім лістом.\n\nСачыць за зваротам (асабістая спасылка, не перасылайце яе):\n${link('be', p.trackingUrl, p.accessKey)}\n${sentCopy('be', p)}`,
    }),
    'status-changed': (p) => ({
      subject: `Зварот № ${p.registrationNumber}: ${STATUS.be[p.status] ?? p.status}`,
      text: `Статус вашага звароту №\u00a0${p.registrationNumber} у ${quoted(p.organizationName)}: ${STATUS.be[p.status] ?? p.status}.\n${p.note ? `Заўвага: ${p.note}\n` : ''}Тэрмін адказу: ${mailDate('be', p.dueDate)}\n`,
    }),
    'appeal-answered': (p) => ({
      subject: `Адказ на зварот № ${p.registrationNumber}`,
      text: `${p.organizationName} разгледзела ваш зварот №\u00a0${p.registrationNumber}.\nВынік: ${RESULT.be[p.result] ?? p.result}\n\n${p.text}\n`,
    }),
    'new-message': (p) => ({
      subject: `Новае паведамленне па звароце № ${p.registrationNumber}`,
      text: `${p.organizationName} піша па звароце №\u00a0${p.registrationNumber}:\n\n${p.text}\n`,
    }),
    'lost-link': (p) => ({
      subject: `Спасылка на зварот № ${p.registrationNumber}`,
      text: `Новая асабістая спасылка на зварот №\u00a0${p.registrationNumber} (ранейшая больш не дзейнічае):\n${link('be', p.trackingUrl, p.accessKey)}\n`,
    }),
  },
  en: {
    'staff-notices': (p) => ({
      subject: p.digest
        ? `Appeals today: ${p.items.length + p.more}, ${p.organizationName}`
        : `Appeal No. ${p.items[0]?.registrationNumber ?? ''}: ${NOTICE.en[p.items[0]?.kind ?? ''] ?? ''}${p.items.length + p.more > 1 ? ` and ${p.items.length + p.more - 1} more` : ''}`,
      text: `${p.organizationName}, Otklik console:\n\n${noticeLines('en', p, 'due', 'And more:')}\nChoose which mails you get in the console, under Account.\n`,
    }),
    'staff-sign-in-code': (p) => ({
      subject: `Console sign-in code: ${p.code}`,
      text: `Your code to sign in to the Otklik console: ${p.code}\nIt is valid for ${p.expiresMinutes} minutes. Never share it. If you did not try to sign in, delete this e-mail.\n`,
    }),
    'staff-invitation': (p) => ({
      subject: `Invitation: ${ROLE.en[p.role] ?? p.role} at ${p.organizationName}`,
      text: `You are invited to the Otklik console as ${ROLE.en[p.role] ?? p.role} at ${p.organizationName}.\n\nAccept the invitation (the link works for ${p.expiresDays} days):\n${p.inviteUrl}\n\nThen sign in with this address: a code arrives by e-mail.\n`,
    }),
    'email-code': (p) => ({
      subject: `Verification code: ${p.code}`,
      text: `Your code for an appeal to ${p.organizationName}: ${p.code}\nIt is valid for ${p.expiresMinutes} minutes. If you did not ask for it, delete this e-mail.`,
    }),
    'appeal-registered': (p) => ({
      subject: `Appeal registered: No. ${p.registrationNumber}`,
      text: `${p.organizationName} has registered your appeal.\n\nRegistration number: ${p.registrationNumber}\n${registered('en', p)}Answer due by: ${mailDate('en', p.dueDate)}\n\nWhat happens next: the appeal is considered; you are e-mailed when its status changes and when it is answered. If it is outside the organisation's competence it is forwarded and you are told.\n\nFollow your appeal (private link, do not share it):\n${link('en', p.trackingUrl, p.accessKey)}\n${sentCopy('en', p)}`,
    }),
    'status-changed': (p) => ({
      subject: `Appeal No. ${p.registrationNumber}: ${STATUS.en[p.status] ?? p.status}`,
      text: `Your appeal No.\u00a0${p.registrationNumber} to ${p.organizationName} is now: ${STATUS.en[p.status] ?? p.status}.\n${p.note ? `Note: ${p.note}\n` : ''}Answer due by: ${mailDate('en', p.dueDate)}\n`,
    }),
    'appeal-answered': (p) => ({
      subject: `Answer to appeal No. ${p.registrationNumber}`,
      text: `${p.organizationName} has answered your appeal No.\u00a0${p.registrationNumber}.\nResult: ${RESULT.en[p.result] ?? p.result}\n\n${p.text}\n`,
    }),
    'new-message': (p) => ({
      subject: `New message on appeal No. ${p.registrationNumber}`,
      text: `${p.organizationName} writes about appeal No.\u00a0${p.registrationNumber}:\n\n${p.text}\n`,
    }),
    'lost-link': (p) => ({
      subject: `Link to appeal No. ${p.registrationNumber}`,
      text: `A new private link to appeal No.\u00a0${p.registrationNumber} (the previous one no longer works):\n${link('en', p.trackingUrl, p.accessKey)}\n`,
    }),
  },
};

export function renderMail(kind: string, payload: Record<string, unknown>): RenderedMail {
  const language = (
    ['ru', 'be', 'en'].includes(payload.language as string) ? payload.language : 'ru'
  ) as Language;
  const template = TEXTS[language][kind as MailKind] as ((p: unknown) => RenderedMail) | undefined;
  if (template === undefined) throw new Error(`No mail template for ${kind}`);
  return template(payload);
}
