import { defineMessages } from '@otklik/widget-core';

/** Texts of the QR code view and poster (the lazy chunk). */
export const qrViewMessages = defineMessages({
  ru: {
    alt: 'QR-код со ссылкой {url}',
    downloadSvg: 'Скачать SVG',
    downloadPng: 'Скачать PNG',
    hidePoster: 'Скрыть плакат',
    format: 'Формат плаката',
    print: 'Распечатать',
    cta: 'Оцените качество услуг',
    hint: 'Наведите камеру телефона на QR-код или откройте страницу',
  },
  be: {
    alt: 'QR-код са спасылкай {url}',
    downloadSvg: 'Спампаваць SVG',
    downloadPng: 'Спампаваць PNG',
    hidePoster: 'Схаваць плакат',
    format: 'Фармат плаката',
    print: 'Надрукаваць',
    cta: 'Ацаніце якасць паслуг',
    hint: 'Навядзіце камеру тэлефона на QR-код або адкрыйце старонку',
  },
  en: {
    alt: 'QR code linking to {url}',
    downloadSvg: 'Download SVG',
    downloadPng: 'Download PNG',
    hidePoster: 'Hide poster',
    format: 'Poster size',
    print: 'Print',
    cta: 'Rate the quality of our services',
    hint: 'Point your phone camera at the QR code or open',
  },
});
