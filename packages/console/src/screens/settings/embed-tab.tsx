import { useSignal } from '@preact/signals';
import {
  type OptionSpec,
  optionsOf,
  type WidgetName,
  widgetNames,
  widgets,
} from '../../../../../widgets.registry.ts';
import { useT } from '../../i18n/translate.ts';
import { announce } from '../../kit/announcer.tsx';
import { Button } from '../../kit/button.tsx';
import { Select, TextInput } from '../../kit/inputs.tsx';
import {
  type Embed,
  htmlSnippet,
  joomlaShortcode,
  loaderSnippet,
  previewUrl,
  wordpressShortcode,
} from './embed.ts';
import { embedOptionMessages, isEmbedOptionMessage } from './embed-options.messages.ts';
import { settingsMessages } from './settings.messages.ts';

const isKeyword = (spec: OptionSpec): spec is { values: readonly [string, ...string[]] } => 'values' in spec;

/**
 * The embed builder: pick a widget and its options (from the widget registry), see it live on a blank
 * page of the portal, copy the HTML, the Joomla or the WordPress shortcode.
 */
export function EmbedTab({ organizationId }: { organizationId: string }) {
  const { t, lang } = useT(settingsMessages);
  const widget = useSignal<WidgetName>('appeal');
  const values = useSignal<Record<string, string>>({});
  const spec = widgets[widget.value];
  const options = optionsOf(widget.value).filter(([name]) => name !== 'lang');
  const embed: Embed = {
    widget: widget.value,
    org: spec.needsOrg ? organizationId : null,
    options: [
      ...options.map(([name]) => [name, values.value[name] ?? ''] as [string, string]),
      ['lang', values.value.lang ?? ''],
    ],
  };
  const set = (name: string, value: string) => {
    values.value = { ...values.value, [name]: value };
  };
  const words = useT(embedOptionMessages);
  /** An option or its value in words; one the registry gained since, by its own name. */
  const word = (key: string) => (isEmbedOptionMessage(key) ? words.t(key) : (key.split('.').at(-1) ?? key));
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      announce(t('copied'));
    } catch {
      announce(t('copyFailed'));
    }
  };
  const snippets = [
    { id: 'html', label: t('embedHtml'), text: htmlSnippet(embed) },
    { id: 'joomla', label: t('embedJoomla'), text: joomlaShortcode(embed) },
    { id: 'wordpress', label: t('embedWordpress'), text: wordpressShortcode(embed) },
  ];
  return (
    <>
      <div class="form">
        <Select
          id="embed-widget"
          label={t('embedWidget')}
          value={widget.value}
          onValue={(name) => {
            widget.value = name;
            values.value = { lang: values.value.lang ?? '' };
          }}
          options={widgetNames.map((name) => ({ value: name, label: widgets[name].label[lang] }))}
        />
        <Select
          id="embed-lang"
          label={t('embedLang')}
          value={values.value.lang ?? ''}
          onValue={(value) => set('lang', value)}
          placeholder={t('embedLangAuto')}
          options={(['ru', 'be', 'en'] as const).map((l) => ({ value: l, label: t(`lang.${l}`) }))}
        />
        {options.map(([name, option]) =>
          isKeyword(option) ? (
            <Select
              key={`${widget.value}-${name}`}
              id={`embed-${name}`}
              label={word(name)}
              value={values.value[name] ?? ''}
              onValue={(value) => set(name, value)}
              placeholder="—"
              options={option.values.map((value) => ({ value, label: word(`${name}.${value}`) }))}
            />
          ) : (
            <TextInput
              key={`${widget.value}-${name}`}
              id={`embed-${name}`}
              label={word(name)}
              hint={'example' in option ? option.example : undefined}
              value={values.value[name] ?? ''}
              onValue={(value) => set(name, value)}
              autoComplete="off"
            />
          ),
        )}
      </div>
      <section class="settings-section" aria-labelledby="embed-code">
        <h2 id="embed-code">{t('tab.embed')}</h2>
        <p>{t('embedLoader')}</p>
        <code class="settings-snippet">{loaderSnippet(location.origin)}</code>
        <Button variant="secondary" onClick={() => copy(loaderSnippet(location.origin))}>
          {t('copy', { what: t('embedLoaderName') })}
        </Button>
        {snippets.map((snippet) => (
          <div key={snippet.id} class="settings-section">
            <h3 id={`embed-${snippet.id}`}>{snippet.label}</h3>
            <code class="settings-snippet" aria-labelledby={`embed-${snippet.id}`}>
              {snippet.text}
            </code>
            <Button variant="secondary" onClick={() => copy(snippet.text)}>
              {t('copy', { what: snippet.label })}
            </Button>
          </div>
        ))}
      </section>
      <section class="settings-section" aria-labelledby="embed-preview">
        <h2 id="embed-preview">{t('embedPreview')}</h2>
        <iframe class="settings-preview" title={t('embedPreview')} src={previewUrl(embed)} />
      </section>
    </>
  );
}
