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

type Listed = readonly { id: string; name: LocalizedText }[];

/** The choices of one select: the listed ones by name, the value held if unlisted (by its key), "other". */
function choices(listed: Listed, value: string, lang: Language, otherLabel: string) {
  const options = listed.map((item) => ({ value: item.id, label: textIn(item.name, lang) }));
  if (value !== '' && !listed.some((item) => item.id === value)) options.unshift({ value, label: value });
  return [...options, { value: OTHER, label: otherLabel }];
}

/**
 * One key chosen from the portal's list by its name, or typed after choosing "another" (the choice's
 * select then keeps "another" and the field beside it takes the key). With nothing listed the select is
 * still offered when `offerEmpty` (it shows the key held and "another"), else the key is typed at once,
 * the field named as the choice itself.
 */
function ListedOrTyped({
  field,
  listed,
  offerEmpty = false,
  typing,
  onTyping,
  onPicked,
  label,
  otherLabel,
  typedLabel,
  example,
}: {
  field: BoundField<string>;
  listed: Listed;
  offerEmpty?: boolean;
  /** Whether "another" is chosen: the key is being typed. */
  typing: boolean;
  onTyping: (typing: boolean) => void;
  /** After a choice: the listed key, or `null` for "another". */
  onPicked?: (id: string | null) => void;
  label: string;
  otherLabel: string;
  /** The typed key's field beside the select. */
  typedLabel: string;
  example: string;
}) {
  const { t } = useT(sphereChoiceMessages);
  const offered = listed.length > 0 || offerEmpty;
  const pick = (id: string) => {
    const other = id === OTHER;
    onTyping(other);
    field.onValue(other ? '' : id);
    onPicked?.(other ? null : id);
  };
  return (
    <>
      {offered && (
        <Select
          id={typing ? `${field.id}-choice` : field.id}
          label={label}
          required
          value={typing ? OTHER : field.value}
          options={choices(listed, typing ? '' : field.value, language.value, otherLabel)}
          onValue={pick}
          error={typing ? undefined : field.error}
        />
      )}
      {(typing || !offered) && (
        <TextInput
          {...field}
          label={offered ? typedLabel : label}
          hint={t('keyHint', { example })}
          required
          spellcheck={false}
          autoComplete="off"
        />
      )}
    </>
  );
}

/**
 * The organisation's sphere and kind, chosen from the portal's list (`listSpheres`: each sphere with
 * its categories) by their names in the reader's language. A key the portal does not list yet can be
 * typed after choosing "another", so a new portal, whose list is empty, can still create its first
 * organisations; a value held already is kept and shown by its key. A sphere typed in has no listed
 * kinds: its kind is typed too.
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
  const [typingSphere, setTypingSphere] = useState(false);
  const [typingCategory, setTypingCategory] = useState(false);
  const categoriesOf = (id: string) => spheres.find((s) => s.id === id)?.categories ?? [];
  return (
    <>
      <ListedOrTyped
        field={sphere}
        listed={spheres}
        offerEmpty
        typing={typingSphere}
        onTyping={setTypingSphere}
        onPicked={(id) => {
          // A new sphere: its first listed kind, or none (typed).
          setTypingCategory(false);
          category.onValue(id === null ? '' : (categoriesOf(id)[0]?.id ?? ''));
        }}
        label={t('sphere')}
        otherLabel={t('otherSphere')}
        typedLabel={t('newSphere')}
        example="culture"
      />
      <ListedOrTyped
        field={category}
        listed={typingSphere ? [] : categoriesOf(sphere.value)}
        typing={typingCategory}
        onTyping={setTypingCategory}
        label={t('category')}
        otherLabel={t('otherCategory')}
        typedLabel={t('newCategory')}
        example="school"
      />
    </>
  );
}
