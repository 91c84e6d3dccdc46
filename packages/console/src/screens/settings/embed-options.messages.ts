import { defineMessages } from '@otklik/widget-core';

/**
 * The embed builder's words for the widgets' options and their values (the registry names them in
 * the attribute's own words: `contrast`, `high`); keyed `option` and `option.value`.
 */
export const embedOptionMessages = defineMessages({
  ru: {
    contrast: 'Контрастность',
    'contrast.high': 'высокая',
    variant: 'Вид',
    'variant.compact': 'компактный',
    'variant.full': 'подробный',
    poster: 'Плакат для печати',
    'poster.none': 'без плаката',
    'poster.a4': 'формат A4',
    'poster.a5': 'формат A5',
    url: 'Адрес формы оценки',
    country: 'Страна',
    'country.ru': 'Россия',
    'country.by': 'Беларусь',
    sphere: 'Сфера (код)',
    category: 'Вид организаций (код)',
    parent: 'Вышестоящая организация (код)',
    target: 'Форма оценки на странице (id элемента)',
    limit: 'Результатов на странице',
    tiles: 'Адрес плиток карты',
    'tiles-attribution': 'Подпись источника карты',
  },
  be: {
    contrast: 'Кантраснасць',
    'contrast.high': 'высокая',
    variant: 'Выгляд',
    'variant.compact': 'кампактны',
    'variant.full': 'падрабязны',
    poster: 'Плакат для друку',
    'poster.none': 'без плаката',
    'poster.a4': 'фармат A4',
    'poster.a5': 'фармат A5',
    url: 'Адрас формы ацэнкі',
    country: 'Краіна',
    'country.ru': 'Расія',
    'country.by': 'Беларусь',
    sphere: 'Сфера (код)',
    category: 'Від арганізацый (код)',
    parent: 'Вышэйшая арганізацыя (код)',
    target: 'Форма ацэнкі на старонцы (id элемента)',
    limit: 'Вынікаў на старонцы',
    tiles: 'Адрас пліт карты',
    'tiles-attribution': 'Подпіс крыніцы карты',
  },
  en: {
    contrast: 'Contrast',
    'contrast.high': 'high',
    variant: 'Layout',
    'variant.compact': 'compact',
    'variant.full': 'full',
    poster: 'Poster to print',
    'poster.none': 'no poster',
    'poster.a4': 'A4 size',
    'poster.a5': 'A5 size',
    url: 'Rating form address',
    country: 'Country',
    'country.ru': 'Russia',
    'country.by': 'Belarus',
    sphere: 'Sphere (code)',
    category: 'Kind of organisations (code)',
    parent: 'Parent organisation (code)',
    target: 'Rating form on the page (element id)',
    limit: 'Results per page',
    tiles: 'Map tiles address',
    'tiles-attribution': 'Map source credit',
  },
});

export type EmbedOptionMessage = keyof typeof embedOptionMessages.ru;

export const isEmbedOptionMessage = (key: string): key is EmbedOptionMessage =>
  Object.hasOwn(embedOptionMessages.ru, key);
