import { defineMessages } from '@otklik/widget-core';

/** Texts of the QR widget before its view is loaded (see `view-messages.ts` for the rest). */
export const qrMessages = defineMessages({
  ru: {
    unavailable: 'QR-код временно недоступен',
    title: 'QR-код страницы оценки качества услуг',
    show: 'Показать QR-код',
    drawing: 'Строим QR-код…',
    failed: 'Не удалось построить QR-код. Попробуйте ещё раз.',
    poster: 'Плакат для печати',
  },
  be: {
    unavailable: 'QR-код часова недаступны',
    title: 'QR-код старонкі ацэнкі якасці паслуг',
    show: 'Паказаць QR-код',
    drawing: 'Будуем QR-код…',
    failed: 'Не ўдалося пабудаваць QR-код. Паспрабуйце яшчэ раз.',
    poster: 'Плакат для друку',
  },
  en: {
    unavailable: 'The QR code is temporarily unavailable',
    title: 'QR code of the service rating page',
    show: 'Show QR code',
    drawing: 'Drawing the QR code…',
    failed: 'Could not draw the QR code. Please try again.',
    poster: 'Printable poster',
  },
});
