import { defineMessages } from '@otklik/widget-core';

/** Texts of the rating badge. */
export const ratingMessages = defineMessages({
  ru: {
    title: 'Рейтинг качества услуг',
    unavailable: 'Рейтинг временно недоступен',
    outOf: '{average} из 5',
    ratings: {
      one: '{count} оценка',
      few: '{count} оценки',
      many: '{count} оценок',
      other: '{count} оценки',
    },
    none: 'Оценок пока нет',
    overall: 'Общая оценка',
    distribution: 'Распределение оценок',
    score: 'Оценка',
    share: 'Число оценок',
    siblings: '{rank}-е место из {of} среди организаций одного подчинения',
    sphere: '{rank}-е место из {of} среди однотипных организаций',
  },
  be: {
    title: 'Рэйтынг якасці паслуг',
    unavailable: 'Рэйтынг часова недаступны',
    outOf: '{average} з 5',
    ratings: {
      one: '{count} адзнака',
      few: '{count} адзнакі',
      many: '{count} адзнак',
      other: '{count} адзнакі',
    },
    none: 'Адзнак пакуль няма',
    overall: 'Агульная адзнака',
    distribution: 'Размеркаванне адзнак',
    score: 'Адзнака',
    share: 'Колькасць адзнак',
    siblings: '{rank}-е месца з {of} сярод арганізацый аднаго падпарадкавання',
    sphere: '{rank}-е месца з {of} сярод аднатыпных арганізацый',
  },
  en: {
    title: 'Service quality rating',
    unavailable: 'The rating is temporarily unavailable',
    outOf: '{average} out of 5',
    ratings: { one: '{count} rating', other: '{count} ratings' },
    none: 'No ratings yet',
    overall: 'Overall',
    distribution: 'Distribution of ratings',
    score: 'Score',
    share: 'Ratings',
    siblings: 'Ranked {rank} of {of} among organisations under the same parent body',
    sphere: 'Ranked {rank} of {of} among organisations of the same type',
  },
});
