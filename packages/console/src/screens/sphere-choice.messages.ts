import { defineMessages } from '@otklik/widget-core';

export const sphereChoiceMessages = defineMessages({
  ru: {
    sphere: 'Сфера',
    category: 'Вид организации',
    otherSphere: 'Другая сфера (ввести ключ)…',
    otherCategory: 'Другой вид (ввести ключ)…',
    newSphere: 'Ключ новой сферы',
    newCategory: 'Ключ нового вида',
    keyHint: 'Строчная латиница, цифры и дефисы, например {example}. Название ему даёт портал.',
  },
  be: {
    sphere: 'Сфера',
    category: 'Від арганізацыі',
    otherSphere: 'Іншая сфера (увесці ключ)…',
    otherCategory: 'Іншы від (увесці ключ)…',
    newSphere: 'Ключ новай сферы',
    newCategory: 'Ключ новага віду',
    keyHint: 'Малыя лацінскія літары, лічбы і злучкі, напрыклад {example}. Назву яму дае партал.',
  },
  en: {
    sphere: 'Sphere',
    category: 'Kind of organisation',
    otherSphere: 'Another sphere (type its key)…',
    otherCategory: 'Another kind (type its key)…',
    newSphere: 'Key of the new sphere',
    newCategory: 'Key of the new kind',
    keyHint: 'Lowercase Latin letters, digits and hyphens, e.g. {example}. The portal gives it a name.',
  },
});
