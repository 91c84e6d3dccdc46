import type { ProblemReason } from '@otklik/client';

/**
 * What the console says for each reason the portal gives a refusal (`PROBLEM_REASONS` in the contract):
 * what happened and what to do, in the person's language. The portal's `detail` is English text for
 * developers and is never shown here. A reason the contract adds must get its text in all three
 * languages (the type and refusals.test.ts insist).
 */
type Texts = Record<ProblemReason, string>;

const ru = {
  'csrf-token-invalid':
    'Страница устарела: консоль открыта давно или вход выполнен в другой вкладке. Обновите страницу и повторите действие.',
  'api-key-invalid':
    'Ключ API не подходит: он неверен или отозван. Попросите администратора выпустить новый.',
  'permission-missing':
    'У вас нет прав на это действие в этой организации. Если они нужны для работы, обратитесь к администратору организации.',
  'api-key-other-organization':
    'Ключ API действует только в своей организации (а для показателей — и в подчинённых ей).',
  'mine-needs-person':
    'Фильтр «Мои» работает только для сотрудника, вошедшего в консоль. Выберите исполнителя.',
  'appeal-closed': 'Обращение уже закрыто, с ним больше ничего не сделать. Обновите карточку.',
  'transition-not-allowed':
    'В нынешнем статусе обращения этот шаг невозможен: возможно, его уже изменил коллега. Обновите карточку и проверьте статус.',
  'appeal-merged':
    'Это обращение объединено с другим как повторное. Готовьте ответ в основном обращении — он уйдёт на оба.',
  'appeal-withdrawn': 'Заявитель отозвал обращение, писать ему по нему больше нельзя.',
  'extension-limit': 'Срок этого обращения уже продлевали, а продлить его можно только один раз.',
  'extension-date-out-of-range':
    'Новый срок должен быть позже нынешнего и не дальше, чем разрешает закон. Выберите другую дату.',
  'internal-due-after-legal':
    'Внутренний срок не может быть позже срока по закону. Выберите дату не позже срока ответа.',
  'executor-only':
    'Ответ готовит исполнитель, которому назначено обращение. Попросите координатора назначить вас.',
  'not-an-executor': 'У этого сотрудника нет роли исполнителя в организации. Выберите другого.',
  'duplicate-of-itself': 'Обращение не может повторять само себя. Выберите другое обращение.',
  'duplicate-not-found': 'Такого обращения в вашей организации нет. Проверьте, какое обращение выбрано.',
  'duplicate-not-open': 'Объединять можно только открытые обращения, а одно из них уже закрыто.',
  'duplicate-already-merged': 'Одно из обращений уже объединено с другим. Обновите карточку.',
  'duplicate-has-duplicates':
    'У выбранного обращения уже есть свои повторные. Объедините наоборот: откройте его и добавьте это.',
  'draft-missing': 'Черновика ответа ещё нет. Напишите ответ и сохраните его.',
  'draft-on-approval':
    'Черновик на утверждении, менять его нельзя. Дождитесь решения или попросите утверждающего вернуть черновик.',
  'answer-already-sent': 'Ответ уже отправлен заявителю, менять его нельзя.',
  'draft-not-on-approval':
    'Этот черновик не ждёт утверждения: его вернули или ещё не отправили. Обновите карточку.',
  'draft-result-missing': 'Выберите результат рассмотрения, прежде чем отправлять ответ на утверждение.',
  'draft-text-missing': 'Напишите текст ответа, прежде чем отправлять его на утверждение.',
  'answer-files-limit':
    'К ответу приложено максимальное число файлов. Удалите лишний файл, чтобы добавить новый.',
  'due-period-reversed': 'Конец периода раньше его начала. Поменяйте даты местами.',
  'person-only': 'Это может сделать только сотрудник, вошедший в консоль, а не ключ API.',
  'portal-administrator-only': 'Это может сделать только администратор портала. Обратитесь к нему.',
  'last-administrator':
    'В организации не останется администратора. Сначала назначьте администратором другого сотрудника.',
  'invitation-invalid':
    'Приглашение не найдено, уже использовано или истекло. Попросите администратора прислать новое.',
  'organization-id-taken': 'Такой идентификатор уже занят другой организацией. Придумайте другой.',
  'parent-organization-unknown': 'Вышестоящей организации с таким идентификатором нет. Проверьте его.',
  'csv-columns-missing': 'В первой строке файла не хватает нужных столбцов. Сверьте заголовки с образцом.',
  'sign-in-code-wrong': 'Код не подходит. Проверьте цифры из письма и введите их снова.',
  'sign-in-code-expired': 'Срок действия кода истёк. Запросите новый код.',
  'sign-in-code-used': 'Этот код уже использован. Запросите новый код.',
  'sign-in-unknown': 'Этот вход не найден. Начните вход заново.',
  'totp-code-missing': 'Введите код из приложения-аутентификатора.',
  'totp-code-wrong': 'Код из приложения не подходит. Проверьте время на телефоне и введите текущий код.',
  'totp-code-reused': 'Этот код уже использован. Дождитесь следующего кода в приложении.',
  'too-many-wrong-codes': 'Слишком много неверных кодов. Начните вход заново и запросите новый код.',
  'too-many-codes-requested':
    'На этот адрес недавно отправлено много кодов. Подождите несколько минут и запросите снова.',
  'totp-already-set-up': 'Аутентификатор уже подключён. Чтобы заменить его, сначала отключите старый.',
  'totp-enrolment-not-started': 'Подключение аутентификатора не начато. Начните его заново.',
  'totp-not-set-up': 'Аутентификатор не подключён, отключать нечего.',
  'totp-required-by-organization':
    'Ваша организация требует вход с аутентификатором, поэтому отключить его нельзя.',
  'oidc-sign-in-expired': 'Этот вход уже завершён или устарел. Начните вход заново.',
  'oidc-other-browser': 'Вход начат в другом браузере. Начните его заново здесь.',
  'oidc-not-confirmed': 'Служба входа не подтвердила вход. Начните заново или войдите по коду из письма.',
  'oidc-email-unverified':
    'Служба входа не подтвердила ваш адрес электронной почты. Войдите по коду из письма.',
  'no-staff-account':
    'Для этого адреса нет учётной записи сотрудника. Попросите администратора вашей организации пригласить вас.',
  'identity-provider-unavailable':
    'Служба входа сейчас не отвечает. Попробуйте позже или войдите по коду из письма.',
  'origins-limit': 'Добавлено максимальное число сайтов. Удалите ненужный, чтобы добавить новый.',
  'first-language-required': 'Заполните текст на основном языке организации.',
  'language-not-offered': 'Этот язык не выбран в настройках организации. Добавьте его или уберите текст.',
  'topic-order-incomplete': 'Список тем изменился, пока вы его упорядочивали. Обновите страницу и повторите.',
  'oidc-provider-unknown': 'Портал не знает такой службы входа. Выберите из предложенных.',
  'identity-method-required':
    'Нужен хотя бы один способ подтвердить личность: оставьте код по почте или службу входа.',
  'above-portal-limit': 'Значение больше, чем разрешает портал. Уменьшите его.',
  'media-type-not-taken': 'Портал не принимает файлы этого типа. Уберите его из списка.',
  'criteria-set-unknown': 'Такого набора критериев нет. Выберите набор из списка.',
  'criteria-set-id-taken':
    'Этот идентификатор набора встроенный или занят другой организацией. Выберите другой.',
  'host-not-found': 'Такого адреса в интернете нет. Проверьте, как он написан.',
  'address-not-public':
    'Адрес ведёт во внутреннюю сеть, портал туда не обращается. Укажите адрес, доступный из интернета.',
  'too-many-redirects':
    'Страница слишком много раз перенаправляет на другие адреса. Укажите её конечный адрес.',
  'webhooks-limit': 'Добавлено максимальное число вебхуков. Удалите ненужный, чтобы добавить новый.',
  'day-kind-mismatch':
    'Этот вид дня не подходит к дню недели: субботу или воскресенье можно сделать только рабочим днём, будний день — только выходным или праздником.',
  'day-already-ordinary': 'Этот день и так идёт по обычной неделе, отменять нечего.',
  'classifier-rows-refused':
    'В файле есть ошибочные строки, ничего не загружено. Исправьте их и загрузите файл снова.',
  'classifier-code-format': 'Код должен выглядеть так: 0002.0013.0000.0000.',
  'classifier-title-length': 'Название должно содержать от 1 до 1000 символов.',
  'classifier-title-unreadable': 'Название не читается: сохраните файл в кодировке UTF-8 или Windows-1251.',
  'classifier-code-twice': 'Этот код встречается в файле дважды.',
  'classifier-code-unknown': 'Такого кода нет в классификаторе. Проверьте код или загрузите классификатор.',
  'csv-empty': 'В файле нет строк. Нужна строка «код;название» на каждую тему.',
} satisfies Texts;

const be = {
  'csrf-token-invalid':
    'Старонка састарэла: кансоль адкрыта даўно або ўваход выкананы ў іншай укладцы. Абнавіце старонку і паўтарыце дзеянне.',
  'api-key-invalid':
    'Ключ API не падыходзіць: ён няправільны або адкліканы. Папрасіце адміністратара выпусціць новы.',
  'permission-missing':
    'У вас няма правоў на гэта дзеянне ў гэтай арганізацыі. Калі яны патрэбныя для працы, звярніцеся да адміністратара арганізацыі.',
  'api-key-other-organization':
    'Ключ API дзейнічае толькі ў сваёй арганізацыі (а для паказчыкаў — і ў падпарадкаваных ёй).',
  'mine-needs-person':
    'Фільтр «Мае» працуе толькі для супрацоўніка, які ўвайшоў у кансоль. Выберыце выканаўцу.',
  'appeal-closed': 'Зварот ужо закрыты, з ім больш нічога не зрабіць. Абнавіце картку.',
  'transition-not-allowed':
    'У цяперашнім статусе звароту гэты крок немагчымы: магчыма, яго ўжо змяніў калега. Абнавіце картку і праверце статус.',
  'appeal-merged':
    'Гэты зварот аб’яднаны з іншым як паўторны. Рыхтуйце адказ у асноўным звароце — ён пойдзе на абодва.',
  'appeal-withdrawn': 'Заяўнік адклікаў зварот, пісаць яму па ім больш нельга.',
  'extension-limit': 'Тэрмін гэтага звароту ўжо падаўжалі, а падоўжыць яго можна толькі адзін раз.',
  'extension-date-out-of-range':
    'Новы тэрмін мусіць быць пазней за цяперашні і не далей, чым дазваляе закон. Выберыце іншую дату.',
  'internal-due-after-legal':
    'Унутраны тэрмін не можа быць пазней за тэрмін паводле закона. Выберыце дату не пазней за тэрмін адказу.',
  'executor-only': 'Адказ рыхтуе выканаўца, якому прызначаны зварот. Папрасіце каардынатара прызначыць вас.',
  'not-an-executor': 'У гэтага супрацоўніка няма ролі выканаўцы ў арганізацыі. Выберыце іншага.',
  'duplicate-of-itself': 'Зварот не можа паўтараць сам сябе. Выберыце іншы зварот.',
  'duplicate-not-found': 'Такога звароту ў вашай арганізацыі няма. Праверце, які зварот выбраны.',
  'duplicate-not-open': 'Аб’ядноўваць можна толькі адкрытыя звароты, а адзін з іх ужо закрыты.',
  'duplicate-already-merged': 'Адзін са зваротаў ужо аб’яднаны з іншым. Абнавіце картку.',
  'duplicate-has-duplicates':
    'У выбранага звароту ўжо ёсць свае паўторныя. Аб’яднайце наадварот: адкрыйце яго і дадайце гэты.',
  'draft-missing': 'Чарнавіка адказу яшчэ няма. Напішыце адказ і захавайце яго.',
  'draft-on-approval':
    'Чарнавік на зацвярджэнні, мяняць яго нельга. Дачакайцеся рашэння або папрасіце таго, хто зацвярджае, вярнуць чарнавік.',
  'answer-already-sent': 'Адказ ужо адпраўлены заяўніку, мяняць яго нельга.',
  'draft-not-on-approval':
    'Гэты чарнавік не чакае зацвярджэння: яго вярнулі або яшчэ не адправілі. Абнавіце картку.',
  'draft-result-missing': 'Выберыце вынік разгляду, перш чым адпраўляць адказ на зацвярджэнне.',
  'draft-text-missing': 'Напішыце тэкст адказу, перш чым адпраўляць яго на зацвярджэнне.',
  'answer-files-limit':
    'Да адказу дададзена найбольшая колькасць файлаў. Выдаліце лішні файл, каб дадаць новы.',
  'due-period-reversed': 'Канец перыяду раней за яго пачатак. Памяняйце даты месцамі.',
  'person-only': 'Гэта можа зрабіць толькі супрацоўнік, які ўвайшоў у кансоль, а не ключ API.',
  'portal-administrator-only': 'Гэта можа зрабіць толькі адміністратар партала. Звярніцеся да яго.',
  'last-administrator':
    'У арганізацыі не застанецца адміністратара. Спачатку прызначце адміністратарам іншага супрацоўніка.',
  'invitation-invalid':
    'Запрашэнне не знойдзена, ужо выкарыстана або скончылася. Папрасіце адміністратара даслаць новае.',
  'organization-id-taken': 'Такі ідэнтыфікатар ужо заняты іншай арганізацыяй. Прыдумайце іншы.',
  'parent-organization-unknown': 'Вышэйшай арганізацыі з такім ідэнтыфікатарам няма. Праверце яго.',
  'csv-columns-missing': 'У першым радку файла не хапае патрэбных слупкоў. Звярыце загалоўкі з узорам.',
  'sign-in-code-wrong': 'Код не падыходзіць. Праверце лічбы з ліста і ўвядзіце іх зноў.',
  'sign-in-code-expired': 'Тэрмін дзеяння кода скончыўся. Запытайце новы код.',
  'sign-in-code-used': 'Гэты код ужо выкарыстаны. Запытайце новы код.',
  'sign-in-unknown': 'Гэты ўваход не знойдзены. Пачніце ўваход нанова.',
  'totp-code-missing': 'Увядзіце код з праграмы-аўтэнтыфікатара.',
  'totp-code-wrong': 'Код з праграмы не падыходзіць. Праверце час на тэлефоне і ўвядзіце цяперашні код.',
  'totp-code-reused': 'Гэты код ужо выкарыстаны. Дачакайцеся наступнага кода ў праграме.',
  'too-many-wrong-codes': 'Занадта шмат няправільных кодаў. Пачніце ўваход нанова і запытайце новы код.',
  'too-many-codes-requested':
    'На гэты адрас нядаўна адпраўлена шмат кодаў. Пачакайце некалькі хвілін і запытайце зноў.',
  'totp-already-set-up': 'Аўтэнтыфікатар ужо падключаны. Каб замяніць яго, спачатку адключыце стары.',
  'totp-enrolment-not-started': 'Падключэнне аўтэнтыфікатара не пачата. Пачніце яго нанова.',
  'totp-not-set-up': 'Аўтэнтыфікатар не падключаны, адключаць няма чаго.',
  'totp-required-by-organization':
    'Ваша арганізацыя патрабуе ўваход з аўтэнтыфікатарам, таму адключыць яго нельга.',
  'oidc-sign-in-expired': 'Гэты ўваход ужо завершаны або састарэў. Пачніце ўваход нанова.',
  'oidc-other-browser': 'Уваход пачаты ў іншым браўзеры. Пачніце яго нанова тут.',
  'oidc-not-confirmed':
    'Служба ўваходу не пацвердзіла ўваход. Пачніце нанова або ўвайдзіце па кодзе з ліста.',
  'oidc-email-unverified':
    'Служба ўваходу не пацвердзіла ваш адрас электроннай пошты. Увайдзіце па кодзе з ліста.',
  'no-staff-account':
    'Для гэтага адраса няма ўліковага запісу супрацоўніка. Папрасіце адміністратара вашай арганізацыі запрасіць вас.',
  'identity-provider-unavailable':
    'Служба ўваходу зараз не адказвае. Паспрабуйце пазней або ўвайдзіце па кодзе з ліста.',
  'origins-limit': 'Дададзена найбольшая колькасць сайтаў. Выдаліце непатрэбны, каб дадаць новы.',
  'first-language-required': 'Запоўніце тэкст на асноўнай мове арганізацыі.',
  'language-not-offered': 'Гэтая мова не выбрана ў наладах арганізацыі. Дадайце яе або прыберыце тэкст.',
  'topic-order-incomplete': 'Спіс тэм змяніўся, пакуль вы яго ўпарадкоўвалі. Абнавіце старонку і паўтарыце.',
  'oidc-provider-unknown': 'Партал не ведае такой службы ўваходу. Выберыце з прапанаваных.',
  'identity-method-required':
    'Патрэбны хоць адзін спосаб пацвердзіць асобу: пакіньце код па пошце або службу ўваходу.',
  'above-portal-limit': 'Значэнне большае, чым дазваляе партал. Паменшыце яго.',
  'media-type-not-taken': 'Партал не прымае файлы гэтага тыпу. Прыберыце яго са спіса.',
  'criteria-set-unknown': 'Такога набору крытэрыяў няма. Выберыце набор са спіса.',
  'criteria-set-id-taken':
    'Гэты ідэнтыфікатар набору ўбудаваны або заняты іншай арганізацыяй. Выберыце іншы.',
  'host-not-found': 'Такога адраса ў інтэрнэце няма. Праверце, як ён напісаны.',
  'address-not-public':
    'Адрас вядзе ва ўнутраную сетку, партал туды не звяртаецца. Укажыце адрас, даступны з інтэрнэту.',
  'too-many-redirects':
    'Старонка занадта шмат разоў перанакіроўвае на іншыя адрасы. Укажыце яе канчатковы адрас.',
  'webhooks-limit': 'Дададзена найбольшая колькасць вэбхукаў. Выдаліце непатрэбны, каб дадаць новы.',
  'day-kind-mismatch':
    'Гэты від дня не падыходзіць да дня тыдня: суботу ці нядзелю можна зрабіць толькі працоўным днём, будны дзень — толькі выхадным або святам.',
  'day-already-ordinary': 'Гэты дзень і так ідзе па звычайным тыдні, адмяняць няма чаго.',
  'classifier-rows-refused':
    'У файле ёсць памылковыя радкі, нічога не загружана. Выпраўце іх і загрузіце файл зноў.',
  'classifier-code-format': 'Код мусіць выглядаць так: 0002.0013.0000.0000.',
  'classifier-title-length': 'Назва мусіць мець ад 1 да 1000 сімвалаў.',
  'classifier-title-unreadable': 'Назва не чытаецца: захавайце файл у кадоўцы UTF-8 або Windows-1251.',
  'classifier-code-twice': 'Гэты код сустракаецца ў файле двойчы.',
  'classifier-code-unknown': 'Такога кода няма ў класіфікатары. Праверце код або загрузіце класіфікатар.',
  'csv-empty': 'У файле няма радкоў. Патрэбны радок «код;назва» на кожную тэму.',
} satisfies Texts;

const en = {
  'csrf-token-invalid':
    'This page is out of date: the console has been open a long time or you signed in in another tab. Reload the page and try again.',
  'api-key-invalid': 'The API key is not valid: it is wrong or revoked. Ask an administrator for a new one.',
  'permission-missing':
    'You do not have the rights for this in this organisation. If your work needs them, ask the organisation’s administrator.',
  'api-key-other-organization':
    'An API key acts only in its own organisation (and, for figures, in the organisations below it).',
  'mine-needs-person':
    'The “Mine” filter works only for a person signed in to the console. Choose an executor.',
  'appeal-closed': 'The appeal is closed already; nothing more can be done with it. Reload the card.',
  'transition-not-allowed':
    'This step is not possible in the appeal’s current status: a colleague may have changed it. Reload the card and check the status.',
  'appeal-merged':
    'This appeal is merged into another as a duplicate. Prepare the answer in the main appeal: it goes to both.',
  'appeal-withdrawn': 'The applicant withdrew this appeal; you can no longer write to them about it.',
  'extension-limit': 'The term of this appeal was extended already, and it can be extended only once.',
  'extension-date-out-of-range':
    'The new term must be later than the current one and no later than the law allows. Choose another date.',
  'internal-due-after-legal':
    'The internal due date cannot be after the legal one. Choose a date no later than the answer’s due date.',
  'executor-only':
    'The executor the appeal is assigned to drafts its answer. Ask the coordinator to assign you.',
  'not-an-executor': 'This person holds no executor role in the organisation. Choose someone else.',
  'duplicate-of-itself': 'An appeal cannot duplicate itself. Choose another appeal.',
  'duplicate-not-found': 'There is no such appeal in your organisation. Check which appeal is chosen.',
  'duplicate-not-open': 'Only open appeals can be merged, and one of them is closed.',
  'duplicate-already-merged': 'One of the appeals is merged into another already. Reload the card.',
  'duplicate-has-duplicates':
    'The chosen appeal has duplicates of its own. Merge the other way: open it and add this one.',
  'draft-missing': 'There is no draft answer yet. Write the answer and save it.',
  'draft-on-approval':
    'The draft is on approval and cannot be changed. Wait for the decision or ask the approver to return it.',
  'answer-already-sent': 'The answer was sent to the applicant already and cannot be changed.',
  'draft-not-on-approval':
    'This draft is not waiting for approval: it was returned or not submitted yet. Reload the card.',
  'draft-result-missing': 'Choose the result of the consideration before sending the answer for approval.',
  'draft-text-missing': 'Write the answer’s text before sending it for approval.',
  'answer-files-limit': 'The answer has as many files as allowed. Remove one to add another.',
  'due-period-reversed': 'The end of the period is before its start. Swap the dates.',
  'person-only': 'Only a person signed in to the console can do this, not an API key.',
  'portal-administrator-only': 'Only a portal administrator can do this. Ask one.',
  'last-administrator':
    'The organisation would be left without an administrator. Make someone else an administrator first.',
  'invitation-invalid': 'This invitation is unknown, used or expired. Ask the administrator for a new one.',
  'organization-id-taken': 'Another organisation has this id already. Choose another.',
  'parent-organization-unknown': 'There is no parent organisation with this id. Check it.',
  'csv-columns-missing':
    'The first line of the file lacks columns it needs. Compare the headers with the sample.',
  'sign-in-code-wrong': 'The code does not match. Check the digits from the e-mail and enter them again.',
  'sign-in-code-expired': 'The code has expired. Ask for a new one.',
  'sign-in-code-used': 'This code was used already. Ask for a new one.',
  'sign-in-unknown': 'This sign-in was not found. Start signing in again.',
  'totp-code-missing': 'Enter the code from your authenticator app.',
  'totp-code-wrong':
    'The code from the app does not match. Check your phone’s clock and enter the current code.',
  'totp-code-reused': 'This code was used already. Wait for the next code in the app.',
  'too-many-wrong-codes': 'Too many wrong codes. Start signing in again and ask for a new code.',
  'too-many-codes-requested':
    'Many codes were sent to this address recently. Wait a few minutes and ask again.',
  'totp-already-set-up': 'An authenticator is set up already. To replace it, remove the old one first.',
  'totp-enrolment-not-started': 'Setting up the authenticator has not started. Start it again.',
  'totp-not-set-up': 'No authenticator is set up; there is nothing to remove.',
  'totp-required-by-organization':
    'Your organisation requires signing in with an authenticator, so it cannot be removed.',
  'oidc-sign-in-expired': 'This sign-in is already finished or has expired. Start again.',
  'oidc-other-browser': 'The sign-in was started in another browser. Start it again here.',
  'oidc-not-confirmed':
    'The sign-in service did not confirm the sign-in. Start again, or sign in with the code from an e-mail.',
  'oidc-email-unverified':
    'The sign-in service has not confirmed your e-mail address. Sign in with the code from an e-mail.',
  'no-staff-account':
    'There is no staff account for this address. Ask your organisation’s administrator to invite you.',
  'identity-provider-unavailable':
    'The sign-in service is not answering. Try again later or sign in with the code from an e-mail.',
  'origins-limit': 'As many sites as allowed are added. Remove one you do not need to add another.',
  'first-language-required': 'Fill in the text in the organisation’s main language.',
  'language-not-offered':
    'This language is not chosen in the organisation’s settings. Add it there or remove the text.',
  'topic-order-incomplete':
    'The list of topics changed while you were ordering it. Reload the page and try again.',
  'oidc-provider-unknown': 'The portal does not know this sign-in service. Choose one it offers.',
  'identity-method-required':
    'At least one way to confirm identity is needed: keep the e-mail code or a sign-in service.',
  'above-portal-limit': 'The value is more than the portal allows. Make it smaller.',
  'media-type-not-taken': 'The portal does not take files of this type. Remove it from the list.',
  'criteria-set-unknown': 'There is no such set of criteria. Choose one from the list.',
  'criteria-set-id-taken': 'This set id is built in or used by another organisation. Choose another.',
  'host-not-found': 'There is no such address on the internet. Check how it is written.',
  'address-not-public':
    'The address leads into an internal network, which the portal does not call. Give an address reachable from the internet.',
  'too-many-redirects': 'The page redirects to other addresses too many times. Give its final address.',
  'webhooks-limit': 'As many webhooks as allowed are added. Remove one you do not need to add another.',
  'day-kind-mismatch':
    'This kind does not fit the day of the week: a Saturday or Sunday can only become a working day, a weekday only a day off or a holiday.',
  'day-already-ordinary': 'This day follows the ordinary week already; there is nothing to undo.',
  'classifier-rows-refused':
    'Some lines of the file are wrong, so nothing was imported. Fix them and import the file again.',
  'classifier-code-format': 'The code must look like 0002.0013.0000.0000.',
  'classifier-title-length': 'The title must have 1 to 1000 characters.',
  'classifier-title-unreadable': 'The title cannot be read: save the file as UTF-8 or Windows-1251.',
  'classifier-code-twice': 'This code appears twice in the file.',
  'classifier-code-unknown': 'This code is not in the classifier. Check the code or import the classifier.',
  'csv-empty': 'The file has no lines. It needs a "code;title" line for each topic.',
} satisfies Texts;

export const refusalTexts: Readonly<Record<'ru' | 'be' | 'en', Texts>> = { ru, be, en };
