import type { Language, LocalizedText, SphereList } from '@otklik/client/schemas';
import { useState } from 'preact/hooks';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import type { BoundField } from '../kit/form.ts';
import { Select, TextInput } from '../kit/inputs.tsx';
import { sphereChoiceMessages } from './sphere-choice.messages.ts';

/** The choice that opens a field for a key the portal does not list yet. */
const OTHER = '*other';

/** A portal text in the reader's language, else in any language it has. */
export const textIn = (text: LocalizedText, lang: Language): string =>
  text[lang] ?? text.ru ?? text.be ?? text.en ?? '';

/** The choices of one select: the listed ones by name, the value held if unlisted (by its key), "other". */
function choices(
  listed: readonly { id: string; name: LocalizedText }[],
  value: string,
  lang: Language,
  otherLabel: string,
) {
  const options = listed.map((item) => ({ value: item.id, label: textIn(item.name, lang) }));
  if (value !== '' && !listed.some((item) => item.id === value)) options.unshift({ value, label: value });
  return [...options, { value: OTHER, label: otherLabel }];
}

/**
 * The organisation's sphere and kind, chosen from the portal's list (`listSpheres`: each sphere with
 * its categories) by their names in the reader's language. A key the portal does not list yet can be
 * typed after choosing "another", so a new portal, whose list is empty, can still create its first
 * organisations; a value held already is kept and shown by its key.
 */
export function SphereChoice({
  spheres,
  sphere,
  category,
}: {
  spheres: SphereList['items'];
  sphere: BoundField<string>;
  category: BoundField<string>;
}) {
  const { t } = useT(sphereChoiceMessages);
  const lang = language.value;
  const [typingSphere, setTypingSphere] = useState(false);
  const [typingCategory, setTypingCategory] = useState(false);
  const listedCategories = spheres.find((s) => s.id === sphere.value)?.categories ?? [];
  // A sphere typed in has no listed kinds: its kind is typed too.
  const categoryTyped = typingCategory || typingSphere || listedCategories.length === 0;
  const pickSphere = (id: string) => {
    if (id === OTHER) {
      setTypingSphere(true);
      sphere.onValue('');
      category.onValue('');
      return;
    }
    setTypingSphere(false);
    setTypingCategory(false);
    sphere.onValue(id);
    const first = spheres.find((s) => s.id === id)?.categories[0]?.id;
    category.onValue(first ?? '');
  };
  const pickCategory = (id: string) => {
    if (id === OTHER) {
      setTypingCategory(true);
      category.onValue('');
      return;
    }
    setTypingCategory(false);
    category.onValue(id);
  };
  return (
    <>
      <Select
        id={typingSphere ? `${sphere.id}-choice` : sphere.id}
        label={t('sphere')}
        required
        value={typingSphere ? OTHER : sphere.value}
        options={choices(spheres, typingSphere ? '' : sphere.value, lang, t('otherSphere'))}
        onValue={pickSphere}
        error={typingSphere ? undefined : sphere.error}
      />
      {typingSphere && (
        <TextInput
          {...sphere}
          label={t('newSphere')}
          hint={t('keyHint', { example: 'culture' })}
          required
          spellcheck={false}
          autoComplete="off"
        />
      )}
      {listedCategories.length > 0 && !typingSphere && (
        <Select
          id={typingCategory ? `${category.id}-choice` : category.id}
          label={t('category')}
          required
          value={typingCategory ? OTHER : category.value}
          options={choices(listedCategories, typingCategory ? '' : category.value, lang, t('otherCategory'))}
          onValue={pickCategory}
          error={typingCategory ? undefined : category.error}
        />
      )}
      {categoryTyped && (
        <TextInput
          {...category}
          label={listedCategories.length > 0 && !typingSphere ? t('newCategory') : t('category')}
          hint={t('keyHint', { example: 'school' })}
          required
          spellcheck={false}
          autoComplete="off"
        />
      )}
    </>
  );
}
