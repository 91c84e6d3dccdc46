/**
 * The WordPress plugin's translations: `languages/otklik-LOCALE.l10n.php` is the source (WordPress 6.5+
 * reads it as it is), and the `.mo` file WordPress 6.3 and 6.4 read is made from it when the plugin is
 * built, so that both always hold the same strings.
 */
import { mo } from 'gettext-parser';

export interface PluginTranslation {
  readonly domain: string;
  readonly language: string;
  readonly pluralForms: string;
  /** msgid → translation; a key with a context is `context\u0004msgid`, as WordPress writes it. */
  readonly messages: ReadonlyMap<string, string>;
}

/**
 * A PHP string literal as the translation files write them: single-quoted (`\\` and `\'` escapes) or
 * double-quoted (`\\`, `\"`, `\$` and octal escapes such as `\4`, the context separator).
 */
function phpLiteral(literal: string, where: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (literal.length < 2 || (quote !== "'" && quote !== '"') || literal.at(-1) !== quote)
    throw new Error(`${where}: not a PHP string: ${literal}`);
  if (quote === "'") return body.replace(/\\([\\'])/g, '$1');
  return body.replace(/\\([0-7]{1,3}|.)/g, (escape, code: string) => {
    if (/^[0-7]+$/.test(code)) return String.fromCharCode(Number.parseInt(code, 8));
    if (code === '\\' || code === '"' || code === '$') return code;
    throw new Error(`${where}: escape ${escape} is not supported here`);
  });
}

const literal = `'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"`;
const entry = new RegExp(`^\\t+(${literal})\\s*=>\\s*(${literal}),$`);

/**
 * Reads a `.l10n.php` file: its header fields and its messages, one `'msgid' => 'translation',` per line
 * (comment lines allowed). Anything else in the messages is an error, so nothing is dropped unnoticed.
 */
export function readL10nPhp(source: string, name = 'l10n.php'): PluginTranslation {
  const header = (field: string) => {
    const match = new RegExp(`^\\t'${field}'\\s*=>\\s*(${literal}),$`, 'm').exec(source);
    if (!match) throw new Error(`${name}: no '${field}'`);
    return phpLiteral(match[1] as string, name);
  };
  const lines = source.split('\n');
  const start = lines.findIndex((line) => /^\t'messages'\s*=>\s*array\($/.test(line));
  const end = lines.findIndex((line, index) => index > start && line === '\t),');
  if (start < 0 || end < 0) throw new Error(`${name}: no messages array`);
  const messages = new Map<string, string>();
  for (const [offset, line] of lines.slice(start + 1, end).entries()) {
    const where = `${name}:${start + offset + 2}`;
    if (/^\t+\/\//.test(line) || line.trim() === '') continue;
    const match = entry.exec(line);
    if (!match) throw new Error(`${where}: not a message line: ${line}`);
    const key = phpLiteral(match[1] as string, where);
    if (messages.has(key)) throw new Error(`${where}: ${key} twice`);
    messages.set(key, phpLiteral(match[2] as string, where));
  }
  return {
    domain: header('domain'),
    language: header('language'),
    pluralForms: header('plural-forms'),
    messages,
  };
}

type MoTable = Record<string, Record<string, { msgctxt?: string; msgid: string; msgstr: string[] }>>;

/** The translation as a `.mo` file (gettext's binary format, UTF-8). */
export function toMo(translation: PluginTranslation): Uint8Array {
  const translations: MoTable = { '': {} };
  for (const [key, value] of translation.messages) {
    const separator = key.indexOf('\u0004');
    const context = separator < 0 ? '' : key.slice(0, separator);
    const msgid = separator < 0 ? key : key.slice(separator + 1);
    translations[context] ??= {};
    (translations[context] as MoTable[string])[msgid] = {
      ...(context ? { msgctxt: context } : {}),
      msgid,
      msgstr: [value],
    };
  }
  return mo.compile({
    charset: 'utf-8',
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      Language: translation.language,
      'Plural-Forms': translation.pluralForms,
      'X-Domain': translation.domain,
    },
    translations,
  });
}
