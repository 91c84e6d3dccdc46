/**
 * Latin letters for the Russian and Belarusian alphabets (the console's languages), close to the
 * passport romanisation people know: "Питание" → "pitanie", "Школа № 7" → "shkola-7".
 * A table of 40-odd letters rather than a library: the general transliteration packages carry tables
 * for every script, many times the size of this one, for names typed in two languages.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  і: 'i',
  ў: 'u',
  ґ: 'g',
  є: 'ie',
  ї: 'i',
  // "№ 7" is "7": compatibility decomposition would make it "no-7".
  '№': ' ',
};

/** Lowercase Latin letters, digits and single hyphens for `text`, at most `max` characters. */
export function slugOf(text: string, max = 64): string {
  const latin = [...text.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
  return (
    latin
      // Accented Latin letters lose their marks (é → e); anything else separates words.
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, max)
      .replace(/^-+|-+$/g, '')
  );
}

/**
 * An identifier made from `text` that none of `taken` has: the slug, or the slug with "-2", "-3"…
 * Empty when the text has no letter or digit that can be written in Latin: then a person types one.
 */
export function uniqueSlug(text: string, taken: Iterable<string>, max = 64): string {
  const base = slugOf(text, max);
  if (base === '') return '';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slugOf(base, max - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * `uniqueSlug` for keys that must begin with a letter (`Slug`: criteria sets): a slug that begins with
 * a digit gets `prefix` first, "7 вопросов" → "set-7-voprosov".
 */
export function uniqueLetterFirstSlug(
  text: string,
  taken: Iterable<string>,
  prefix: string,
  max = 40,
): string {
  const used = [...taken];
  const code = uniqueSlug(text, used, max);
  return /^[0-9]/.test(code) ? uniqueSlug(`${prefix} ${text}`, used, max) : code;
}
