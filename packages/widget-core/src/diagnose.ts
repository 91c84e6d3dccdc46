/**
 * `Otklik.diagnose()`: tells a webmaster, in plain Russian or English, why a widget does not show on
 * the page — damaged mount markup, an unknown organisation, a site the organisation does not allow, a
 * Content-Security-Policy that blocks the portal, errors the widgets reported. It returns the findings
 * and prints them to the console.
 *
 * Its own build entry (`diagnose` in scripts/build-widgets.ts), imported by the loader only when
 * `Otklik.diagnose()` is called (or a page has `<div data-otklik="diagnose">`, which shows the report
 * on the page). It imports nothing but the widgets' rules generated from the registry
 * (widgets.generated.ts), so it does not pull the widget runtime in: it must work when the widgets
 * do not.
 */
import type { WidgetConfig } from './config.ts';
import type { Unmount, WidgetModule } from './define.ts';
import { mountRules, organizationId } from './widgets.generated.ts';

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  /** Everything found works. */
  | 'ok'
  /** No mount point on the page at all. */
  | 'no-mount-points'
  /** The mount markup shows as text (the editor escaped it, or it was pasted in the visual mode). */
  | 'markup-as-text'
  /** A `{otklik …}` / `[otklik …]` shortcode left as text: the CMS plugin is off or not applied here. */
  | 'shortcode-not-converted'
  /** The CMS plugin refused a shortcode (`<!-- otklik: invalid shortcode -->`). */
  | 'shortcode-invalid'
  /** `data-otklik` without a widget name. */
  | 'mount-name-missing'
  /** `data-otklik` names no widget the portal serves. */
  | 'mount-name-unknown'
  /** Quotes around attribute values were changed or lost (typographic quotes, stray attributes). */
  | 'mount-quotes-mangled'
  /** The widget needs `data-org` and it is missing. */
  | 'mount-org-missing'
  /** `data-org` is not an organisation id (the client's `OrganizationId`). */
  | 'mount-org-invalid'
  /** An option's value is not one the widget takes (`data-variant="wide"`). */
  | 'mount-option-invalid'
  /** The element cannot hold a widget (only div, section, p, span, … can have a shadow root). */
  | 'mount-element-unsupported'
  /** A valid mount point that was not mounted (added after the page loaded, say). */
  | 'mount-not-mounted'
  /** Mounted, but the page's CSS hides it. */
  | 'mount-hidden'
  /** The portal does not know the organisation (404). */
  | 'org-unknown'
  /** The organisation does not allow this site's origin (403 `origin-not-allowed`). */
  | 'origin-not-allowed'
  /** The site's Content-Security-Policy blocks requests to the portal (`connect-src`). */
  | 'csp-connect'
  /** The site's Content-Security-Policy blocks the widget files (`script-src`). */
  | 'csp-script'
  /** Another Content-Security-Policy directive blocks something from the portal. */
  | 'csp-other'
  /** The portal could not be reached (network, proxy, certificate, portal down). */
  | 'portal-unreachable'
  /** The portal answered with an error. */
  | 'portal-error'
  /** A widget reported an error (`otklik:error`). */
  | 'widget-error'
  /** The loader script is included more than once (harmless, unless from different portals). */
  | 'loader-twice';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong and what to do, in the report's language. */
  message: string;
  /** The mount point concerned, if any. */
  element?: Element;
  widget?: string;
  org?: string;
}

export type DiagnoseLanguage = 'ru' | 'en';

/**
 * What the loader hands over: its widget map, config, the `otklik:error` events since it started,
 * and its mounted points.
 */
export type LoaderState = readonly [
  widgets: Record<string, readonly string[]>,
  config: WidgetConfig,
  errors: readonly Event[],
  mounts: ReadonlyMap<Element, unknown>,
];

export interface DiagnoseModule extends WidgetModule {
  /** Runs the checks, logs the report to the console and returns the findings. */
  run(state: LoaderState, lang?: string): Promise<Finding[]>;
}

/** Elements that can have a shadow root (besides custom elements). */
const SHADOW_HOSTS = new Set(
  'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'.split(' '),
);
/** Attributes a mount point may carry besides `data-*`. */
const PLAIN_ATTRIBUTES =
  /^(class|id|lang|dir|title|hidden|role|style|align|tabindex|aria-[a-z-]+|data-[a-z0-9_.:-]+)$/;
const QUOTES = /["'“”„«»‘’`]|&quot;|&#3[49];/;
/** Attributes whose values are names or ids, where a quote can only be damage (not free text or URLs). */
const ID_ATTRIBUTES = new Set(
  ['otklik', 'org', 'lang'].concat(
    Object.values(mountRules).flatMap((rule) =>
      Object.entries(rule.options).flatMap(([name, option]) => (option.freeText ? [] : [name])),
    ),
  ),
);

type Vars = Record<string, string | number>;
type Texts = Record<FindingCode | 'title' | 'summary' | 'running', (v: Vars) => string>;

const ru: Texts = {
  title: () => 'Отклик: диагностика',
  summary: (v) => `проблем: ${v.errors}, предупреждений: ${v.warnings}`,
  running: () => 'Проверяю…',
  ok: (v) => `Всё в порядке: виджетов на странице — ${v.count}, портал ${v.portal} отвечает.`,
  'no-mount-points': () =>
    'На странице нет ни одной точки вставки. Вставьте <div data-otklik="appeal" data-org="ИДЕНТИФИКАТОР"></div> в HTML-режиме редактора (или шорткод модуля для вашей CMS) и проверьте, что редактор не удалил его при сохранении.',
  'markup-as-text': () =>
    'Код виджета показан на странице как текст: его вставили в визуальном режиме редактора. Удалите его и вставьте заново в режиме «HTML» / «Код».',
  'shortcode-not-converted': (v) =>
    `Шорткод «${v.text}» остался текстом: модуль «Отклик» для CMS не включён или не обрабатывает этот материал (в Joomla — плагин «Content – Otklik» и «Подготовить содержимое» в модуле).`,
  'shortcode-invalid': () =>
    'Модуль «Отклик» для CMS отклонил шорткод: неизвестный виджет или неверный идентификатор организации. Проверьте написание: {otklik appeal org=demo-school} (Joomla) или [otklik type="appeal" org="demo-school"] (WordPress).',
  'mount-name-missing': (v) =>
    `У элемента нет названия виджета: data-otklik пуст. Укажите одно из: ${v.known}.`,
  'mount-name-unknown': (v) =>
    `Неизвестный виджет «${v.name}».${v.suggestion ? ` Возможно, имелось в виду «${v.suggestion}».` : ''} Доступны: ${v.known}.`,
  'mount-quotes-mangled': (v) =>
    `Кавычки в коде виджета испорчены редактором (${v.detail}). Наберите код заново обычными прямыми кавычками "…" в HTML-режиме.`,
  'mount-org-missing': (v) =>
    `У виджета «${v.widget}» не указана организация: добавьте data-org="ИДЕНТИФИКАТОР" (его выдаёт портал).`,
  'mount-org-invalid': (v) =>
    `Идентификатор организации «${v.org}» записан неверно: допустимы только строчные латинские буквы, цифры и дефис не в начале и не в конце (например, demo-school).`,
  'mount-option-invalid': (v) =>
    `Значение ${v.attribute}="${v.value}" не подходит виджету «${v.widget}»: ${v.values ? `допустимо одно из: ${v.values}` : `пример верного значения: ${v.example}`}. Виджет его не примет.`,
  'mount-element-unsupported': (v) =>
    `Виджет нельзя вставить в элемент <${v.tag}>: используйте <div data-otklik=…>.`,
  'mount-not-mounted': () =>
    'Точка вставки в порядке, но виджет не запущен (её добавили после загрузки страницы). Вызовите Otklik.load() после добавления.',
  'mount-hidden': () =>
    'Виджет запущен, но скрыт стилями страницы (нулевой размер или display: none). Проверьте CSS темы и свёрнутые блоки.',
  'org-unknown': (v) =>
    `Портал не знает организацию «${v.org}». Проверьте идентификатор в data-org — его выдаёт портал ${v.portal}.`,
  'origin-not-allowed': (v) =>
    `Организация «${v.org}» не разрешила этот сайт. Попросите администратора портала добавить адрес ${v.origin} в разрешённые адреса организации.`,
  'csp-connect': (v) =>
    `Политика безопасности сайта (Content-Security-Policy) запрещает запросы к порталу. Добавьте ${v.portal} в директиву connect-src.`,
  'csp-script': (v) =>
    `Политика безопасности сайта (Content-Security-Policy) запрещает загрузку файлов виджетов. Добавьте ${v.portal} в директиву script-src.`,
  'csp-other': (v) =>
    `Политика безопасности сайта (Content-Security-Policy) блокирует ${v.blocked} (директива ${v.directive}). Добавьте ${v.portal} в эту директиву.`,
  'portal-unreachable': (v) =>
    `Портал ${v.portal} недоступен: нет связи, ошибка сертификата или сервер не работает. Откройте ${v.portal}/v1/health в браузере.`,
  'portal-error': (v) => `Портал ответил ошибкой ${v.status} для организации «${v.org}»: ${v.detail}`,
  'widget-error': (v) => `Виджет «${v.widget}» сообщил об ошибке ${v.code}: ${v.detail}`,
  'loader-twice': (v) =>
    v.portals === 1
      ? 'Скрипт otklik.js подключён несколько раз. Это не мешает, но достаточно одного раза в шаблоне.'
      : `Скрипт otklik.js подключён с разных порталов (${v.list}); работает только первый. Оставьте один.`,
};

const en: Texts = {
  title: () => 'Otklik: diagnosis',
  summary: (v) => `problems: ${v.errors}, warnings: ${v.warnings}`,
  running: () => 'Checking…',
  ok: (v) => `All good: ${v.count} widget(s) on the page, the portal ${v.portal} answers.`,
  'no-mount-points': () =>
    'The page has no mount point. Paste <div data-otklik="appeal" data-org="ORG_ID"></div> in the editor’s HTML mode (or your CMS plugin’s shortcode) and check that the editor keeps it when saving.',
  'markup-as-text': () =>
    'The widget code shows on the page as text: it was pasted in the editor’s visual mode. Delete it and paste it again in the HTML / code mode.',
  'shortcode-not-converted': (v) =>
    `The shortcode “${v.text}” stayed text: the Otklik CMS plugin is not enabled or does not process this content (Joomla: the “Content – Otklik” plugin, and “Prepare content” in a module).`,
  'shortcode-invalid': () =>
    'The Otklik CMS plugin refused a shortcode: unknown widget or invalid organisation id. Check the spelling: {otklik appeal org=demo-school} (Joomla) or [otklik type="appeal" org="demo-school"] (WordPress).',
  'mount-name-missing': (v) => `The element names no widget: data-otklik is empty. Use one of: ${v.known}.`,
  'mount-name-unknown': (v) =>
    `Unknown widget “${v.name}”.${v.suggestion ? ` Did you mean “${v.suggestion}”?` : ''} Available: ${v.known}.`,
  'mount-quotes-mangled': (v) =>
    `The editor damaged the quotes in the widget code (${v.detail}). Type the code again with plain straight quotes "…" in HTML mode.`,
  'mount-org-missing': (v) =>
    `The “${v.widget}” widget has no organisation: add data-org="ORG_ID" (the portal gives you the id).`,
  'mount-org-invalid': (v) =>
    `The organisation id “${v.org}” is not valid: only lowercase Latin letters, digits and hyphens, not at the start or the end (e.g. demo-school).`,
  'mount-option-invalid': (v) =>
    `${v.attribute}="${v.value}" is not a value the “${v.widget}” widget takes: ${v.values ? `use one of ${v.values}` : `for example ${v.example}`}. The widget will not use it.`,
  'mount-element-unsupported': (v) =>
    `A widget cannot live in a <${v.tag}> element: use <div data-otklik=…>.`,
  'mount-not-mounted': () =>
    'The mount point is fine but the widget was not started (it was added after the page loaded). Call Otklik.load() after adding it.',
  'mount-hidden': () =>
    'The widget runs but the page’s CSS hides it (zero size or display: none). Check the theme’s CSS and collapsed sections.',
  'org-unknown': (v) =>
    `The portal does not know the organisation “${v.org}”. Check the id in data-org — the portal ${v.portal} gives it.`,
  'origin-not-allowed': (v) =>
    `The organisation “${v.org}” does not allow this site. Ask the portal’s administrator to add ${v.origin} to the organisation’s allowed origins.`,
  'csp-connect': (v) =>
    `The site’s Content-Security-Policy blocks requests to the portal. Add ${v.portal} to the connect-src directive.`,
  'csp-script': (v) =>
    `The site’s Content-Security-Policy blocks the widget files. Add ${v.portal} to the script-src directive.`,
  'csp-other': (v) =>
    `The site’s Content-Security-Policy blocks ${v.blocked} (directive ${v.directive}). Add ${v.portal} to that directive.`,
  'portal-unreachable': (v) =>
    `The portal ${v.portal} cannot be reached: no connection, a certificate error or the server is down. Open ${v.portal}/v1/health in the browser.`,
  'portal-error': (v) => `The portal answered ${v.status} for the organisation “${v.org}”: ${v.detail}`,
  'widget-error': (v) => `The “${v.widget}” widget reported an error ${v.code}: ${v.detail}`,
  'loader-twice': (v) =>
    v.portals === 1
      ? 'otklik.js is included more than once. That is harmless, but once in the template is enough.'
      : `otklik.js is included from different portals (${v.list}); only the first one works. Keep one.`,
};

/** The report's language: `lang` if given, else the page's, else the browser's; Russian or English. */
export function reportLanguage(doc: Document, lang?: string): DiagnoseLanguage {
  const candidates = [lang, doc.documentElement.lang, ...(doc.defaultView?.navigator.languages ?? [])];
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (base === 'en') return 'en';
    if (base === 'ru' || base === 'be' || base === 'uk' || base === 'kk') return 'ru';
  }
  return 'en';
}

/** The closest known name (by edit distance, case-insensitive), if it is close. */
function closest(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++)
        next[j] = Math.min(
          (row[j] as number) + 1,
          (next[j - 1] as number) + 1,
          (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      row = next;
    }
    return row[b.length] as number;
  };
  const plain = name.toLowerCase().replace(/[^a-z-]/g, '');
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(plain, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** An element as a short selector for the console table: `div[data-otklik="appeal"]`. */
function describe(el: Element): string {
  const name = el.getAttribute('data-otklik');
  return `${el.localName}${name === null ? '' : `[data-otklik="${name}"]`}`;
}

/** Text and comments of the page that show damaged or unprocessed embeds. */
function scanText(doc: Document, add: (code: FindingCode, vars?: Vars) => void): void {
  const root = doc.body ?? doc.documentElement;
  // 0x80 | 0x4: comments and text.
  const walker = doc.createTreeWalker(root, 0x84);
  const reported = new Set<string>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (node.nodeType === 8) {
      if (/otklik: invalid shortcode/.test(text)) add('shortcode-invalid');
      continue;
    }
    // Examples in code blocks, scripts and form fields are not embeds.
    if (node.parentElement?.closest('code,pre,kbd,samp,textarea,script,style,noscript,template')) continue;
    if (/data-otklik\s*=/.test(text) && !reported.has('text')) {
      reported.add('text');
      add('markup-as-text');
    }
    const shortcode = /[{[]otklik[\s\u00a0][^\]}]{0,200}[\]}]/i.exec(text)?.[0];
    if (shortcode && !reported.has(shortcode)) {
      reported.add(shortcode);
      add('shortcode-not-converted', { text: shortcode });
    }
  }
}

/** Checks one mount point's markup; returns the widget name and organisation when they are usable. */
function checkMount(
  el: Element,
  known: readonly string[],
  add: (code: FindingCode, vars?: Vars, element?: Element, severity?: Severity) => void,
): { name: string; org?: string } | undefined {
  const custom = el.localName.startsWith('otklik-');
  const raw = custom ? el.localName.slice(7) : (el.getAttribute('data-otklik') ?? '');
  const name = raw.trim();
  const list = known.join(', ');

  // Quotes: typographic quotes or entities inside values that are names or ids, or (on a div) stray
  // attributes where a value lost its quotes and was split. Custom elements take plain option names.
  const damaged: string[] = [];
  const quoted = new Set<string>();
  for (const attribute of Array.from(el.attributes)) {
    if (!custom && !PLAIN_ATTRIBUTES.test(attribute.name)) damaged.push(attribute.name);
    else if (ID_ATTRIBUTES.has(attribute.name.replace(/^data-/, '')) && QUOTES.test(attribute.value)) {
      damaged.push(`${attribute.name}=${attribute.value}`);
      quoted.add(attribute.name);
    }
  }
  if (damaged.length) add('mount-quotes-mangled', { detail: damaged.join(' ') }, el);

  if (!name) {
    add('mount-name-missing', { known: list }, el);
    return;
  }
  if (!known.includes(name)) {
    // A name wrapped in damaged quotes is already explained above.
    if (!damaged.length)
      add('mount-name-unknown', { name, known: list, suggestion: closest(name, known) ?? '' }, el);
    return;
  }
  if (!custom && !SHADOW_HOSTS.has(el.localName)) {
    add('mount-element-unsupported', { tag: el.localName }, el);
    return;
  }
  const rule = mountRules[name];
  // Options with a value the widget does not take (unless its quotes were damaged, reported above).
  for (const [option, { pattern, values, example }] of Object.entries(rule?.options ?? {})) {
    // On a custom element an option may be a plain attribute; its `lang` is the HTML one, though.
    const attribute =
      custom && option !== 'lang' && !el.hasAttribute(`data-${option}`) ? option : `data-${option}`;
    const value = el.getAttribute(attribute)?.trim();
    if (!value || quoted.has(attribute)) continue;
    if (values ? !values.includes(value.toLowerCase()) : !pattern.test(value))
      add(
        'mount-option-invalid',
        { widget: name, attribute, value, values: values?.join(', ') ?? '', example: example ?? '' },
        el,
        'warning',
      );
  }
  const org = (el.getAttribute('data-org') ?? el.getAttribute('org'))?.trim();
  if (!org) {
    if (rule?.org === false) return { name };
    add('mount-org-missing', { widget: name }, el);
    return;
  }
  if (!organizationId.test(org)) {
    if (!damaged.length) add('mount-org-invalid', { org }, el);
    return;
  }
  return { name, org };
}

/** What the portal says about `org` for this page: undefined when all is well, else a finding. */
async function checkOrganization(
  config: WidgetConfig,
  org: string,
  blockedConnect: () => boolean,
): Promise<[FindingCode, Vars] | undefined> {
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(
      `${config.portalUrl}/v1/organizations/${encodeURIComponent(org)}/widget-settings`,
      { credentials: 'omit', cache: 'no-store' },
    );
  } catch {
    // A CSP refusal and an outage look alike to fetch; the violation event tells them apart, and it
    // may arrive a moment after the rejection.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return [blockedConnect() ? 'csp-connect' : 'portal-unreachable', {}];
  }
  if (response.ok) return;
  let problem: { code?: unknown; detail?: unknown; title?: unknown } = {};
  try {
    problem = await response.json();
  } catch {}
  if (response.status === 404) return ['org-unknown', { org }];
  if (response.status === 403 && problem.code === 'origin-not-allowed')
    return ['origin-not-allowed', { org }];
  return [
    'portal-error',
    { org, status: response.status, detail: String(problem.detail ?? problem.title ?? response.statusText) },
  ];
}

interface Violation {
  directive: string;
  blocked: string;
  /** False for report-only policies, which block nothing. */
  enforced: boolean;
}

interface CspReport {
  type: string;
  body: { effectiveDirective?: string; blockedURL?: string; disposition?: string } | null;
}

/**
 * Collects CSP violations: the buffered reports of earlier ones where the browser keeps them
 * (ReportingObserver), and the events of new ones until `stop()`.
 */
function watchViolations(doc: Document): { list(): Violation[]; stop(): void } {
  const found = new Map<string, Violation>();
  const add = (directive = '', blocked = '', disposition = 'enforce') =>
    found.set(`${directive} ${blocked}`, { directive, blocked, enforced: disposition !== 'report' });
  const onEvent = (event: Event) => {
    const e = event as SecurityPolicyViolationEvent;
    add(e.effectiveDirective, e.blockedURI, e.disposition);
  };
  const onReports = (reports: CspReport[]) => {
    for (const report of reports)
      if (report.type === 'csp-violation' && report.body)
        add(report.body.effectiveDirective, report.body.blockedURL, report.body.disposition);
  };
  doc.addEventListener('securitypolicyviolation', onEvent);
  const Observer = (
    doc.defaultView as
      | (Window & {
          ReportingObserver?: new (
            callback: (reports: CspReport[]) => void,
            options: { types: string[]; buffered: boolean },
          ) => { observe(): void; disconnect(): void; takeRecords(): CspReport[] };
        })
      | null
  )?.ReportingObserver;
  let observer: InstanceType<NonNullable<typeof Observer>> | undefined;
  try {
    observer = Observer && new Observer(onReports, { types: ['csp-violation'], buffered: true });
    observer?.observe();
  } catch {}
  return {
    list() {
      if (observer) onReports(observer.takeRecords());
      return [...found.values()];
    },
    stop() {
      doc.removeEventListener('securitypolicyviolation', onEvent);
      observer?.disconnect();
    },
  };
}

/** Runs every check against the page; does not log. */
export async function diagnose(doc: Document, state: LoaderState, lang?: string): Promise<Finding[]> {
  const [widgets, config, seen, mounts] = state;
  const texts = reportLanguage(doc, lang) === 'ru' ? ru : en;
  const known = Object.keys(widgets).filter((name) => name !== 'diagnose');
  const portal = new URL(config.portalUrl).origin;
  const origin = doc.defaultView?.location.origin ?? '';
  const findings: Finding[] = [];
  const add = (code: FindingCode, vars: Vars = {}, element?: Element, severity: Severity = 'error') => {
    const finding: Finding = {
      code,
      severity,
      message: texts[code]({ portal: config.portalUrl, origin, ...vars }),
    };
    if (element) finding.element = element;
    if (typeof vars.widget === 'string') finding.widget = vars.widget;
    if (typeof vars.org === 'string') finding.org = vars.org;
    findings.push(finding);
  };

  // The loader included more than once.
  const loaders = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]')).filter((s) =>
    /\/otklik\.js(\?|#|$)/.test(s.src),
  );
  if (loaders.length > 1) {
    const portals = [...new Set(loaders.map((s) => new URL('.', s.src).href))];
    add(
      'loader-twice',
      { portals: portals.length, list: portals.join(', ') },
      undefined,
      portals.length > 1 ? 'warning' : 'info',
    );
  }

  scanText(doc, (code, vars) => add(code, vars));

  // Mount points: every element with data-otklik, and custom elements with a known name.
  const selector = ['[data-otklik]', ...known.map((name) => `otklik-${name}`)].join();
  const points = Array.from(doc.querySelectorAll(selector)).filter(
    (el) => el.getAttribute('data-otklik')?.trim() !== 'diagnose',
  );
  if (!points.length && !findings.some((f) => f.code !== 'loader-twice'))
    add('no-mount-points', {}, undefined, 'warning');

  const orgs = new Map<string, { name: string; element: Element }[]>();
  let working = 0;
  for (const el of points) {
    const usable = checkMount(el, known, add);
    if (!usable) continue;
    const mounted = el.localName.startsWith('otklik-') ? !!el.shadowRoot : mounts.has(el);
    if (!mounted) add('mount-not-mounted', { widget: usable.name }, el, 'warning');
    else if (!el.getClientRects().length) add('mount-hidden', { widget: usable.name }, el, 'warning');
    else working++;
    if (usable.org)
      orgs.set(usable.org, [...(orgs.get(usable.org) ?? []), { name: usable.name, element: el }]);
  }

  // Content-Security-Policy violations involving the portal: those reported before (Chromium and
  // Safari buffer them for a ReportingObserver) and those the checks below cause.
  const watch = watchViolations(doc);
  const violations = () => watch.list().filter((v) => v.enforced && v.blocked.startsWith(portal));
  const blocked = (directive: RegExp) => violations().some((v) => directive.test(v.directive));

  // What the portal says about each organisation on the page, for this site's origin.
  const orgFailures = new Set<string>();
  let seenViolations: Violation[] = [];
  try {
    const answers = await Promise.all(
      [...orgs.keys()].map(
        async (org) => [org, await checkOrganization(config, org, () => blocked(/^connect-src$/))] as const,
      ),
    );
    let networkReported = false;
    for (const [org, answer] of answers) {
      if (!answer) continue;
      orgFailures.add(org);
      const [code, vars] = answer;
      if (code === 'csp-connect' || code === 'portal-unreachable') {
        // One finding for the whole page: the portal is unreachable for every organisation alike.
        if (!networkReported) add(code, vars);
        networkReported = true;
        continue;
      }
      for (const { name, element } of orgs.get(org) ?? []) add(code, { ...vars, org, widget: name }, element);
    }
    // Buffered reports reach the observer in a task of their own.
    await new Promise((resolve) => setTimeout(resolve, 0));
    seenViolations = violations();
  } finally {
    watch.stop();
  }

  const byDirective = new Map<string, Violation>();
  for (const violation of seenViolations) byDirective.set(violation.directive, violation);
  for (const [directive, violation] of byDirective) {
    if (directive === 'connect-src') {
      if (!findings.some((f) => f.code === 'csp-connect')) add('csp-connect');
    } else if (/^script-src/.test(directive)) add('csp-script');
    else add('csp-other', { directive, blocked: violation.blocked }, undefined, 'warning');
  }

  // Errors the widgets reported, once per element (or widget) and code, unless a finding above
  // explains them.
  const explained = new Set(['organization-not-found', 'origin-not-allowed']);
  const network = findings.some((f) => f.code === 'csp-connect' || f.code === 'portal-unreachable');
  const scriptBlocked = findings.some((f) => f.code === 'csp-script');
  const badOptions = new Set(findings.flatMap((f) => (f.code === 'mount-option-invalid' ? [f.element] : [])));
  const keys: unknown[][] = [];
  for (const event of seen) {
    if (event.type !== 'otklik:error') continue;
    const detail = (event as CustomEvent<{ widget?: string; code?: string; message?: string }>).detail ?? {};
    const element = event.target instanceof Element ? event.target : undefined;
    const org = element?.getAttribute('data-org') ?? element?.getAttribute('org') ?? '';
    if (explained.has(detail.code ?? '') && orgFailures.has(org)) continue;
    if ((network && detail.code === 'network') || (scriptBlocked && detail.code === 'load-failed')) continue;
    if (detail.code === 'invalid-attribute' && badOptions.has(element)) continue;
    if (keys.some(([e, w, c]) => e === element && w === detail.widget && c === detail.code)) continue;
    keys.push([element, detail.widget, detail.code]);
    add(
      'widget-error',
      { widget: detail.widget ?? '?', code: detail.code ?? '?', detail: detail.message ?? '' },
      element,
    );
  }

  if (!findings.some((f) => f.severity !== 'info')) add('ok', { count: working }, undefined, 'info');
  return findings;
}

/** The report's title with its count of errors and warnings (the console group's, the panel's heading). */
function headline(texts: Texts, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return `${texts.title({})} — ${texts.summary({ errors, warnings })}`;
}

/** Prints the findings as a grouped console message with a table; elements are logged to click on. */
export function logReport(findings: readonly Finding[], lang: DiagnoseLanguage): void {
  console.group(headline(lang === 'ru' ? ru : en, findings));
  console.table(
    findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      widget: f.widget ?? '',
      org: f.org ?? '',
      element: f.element ? describe(f.element) : '',
      message: f.message,
    })),
  );
  for (const f of findings) {
    const log =
      f.severity === 'error' ? console.error : f.severity === 'warning' ? console.warn : console.info;
    if (f.element) log(`[otklik] ${f.message}`, f.element);
    else log(`[otklik] ${f.message}`);
  }
  console.groupEnd();
}

const panelCss = `:host{all:initial;display:block;font:14px/1.45 system-ui,sans-serif;color:#1f2328}
section{border:2px solid #b3261e;border-radius:8px;padding:12px;background:#fff}
h2{font-size:16px;margin:0 0 8px}ul{margin:0;padding-inline-start:20px}
li{margin:4px 0}.error{color:#b3261e}.warning{color:#7a4a00}code{font:13px ui-monospace,monospace}`;

/** `<div data-otklik="diagnose">`: the report on the page, for webmasters without a console. */
function mount(host: HTMLElement): Unmount {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const doc = host.ownerDocument;
  const lang = reportLanguage(doc, host.getAttribute('data-lang') ?? undefined);
  const texts = lang === 'ru' ? ru : en;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(panelCss);
  root.adoptedStyleSheets = [sheet];
  const section = doc.createElement('section');
  section.setAttribute('role', 'status');
  const heading = doc.createElement('h2');
  heading.textContent = `${texts.title({})}: ${texts.running({})}`;
  section.append(heading);
  root.replaceChildren(section);
  let active = true;
  const api = (
    doc.defaultView as
      | (Window & { Otklik?: { ready?: Promise<void>; diagnose?: (lang?: string) => Promise<Finding[]> } })
      | null
  )?.Otklik;
  // After the loader's first scan has mounted what it found: run at once, the report would call the
  // page's other widgets "not mounted" while their code is still arriving.
  Promise.resolve(api?.ready)
    .then(() => api?.diagnose?.(lang))
    .then((findings) => {
      if (!findings || !active) return;
      heading.textContent = headline(texts, findings);
      const list = doc.createElement('ul');
      for (const f of findings) {
        const item = doc.createElement('li');
        item.className = f.severity;
        const code = doc.createElement('code');
        code.textContent = f.element ? describe(f.element) : f.code;
        item.append(code, ` — ${f.message}`);
        list.append(item);
      }
      section.append(list);
    })
    .catch(() => {});
  return () => {
    active = false;
    root.replaceChildren();
  };
}

const module: DiagnoseModule = {
  name: 'diagnose',
  tag: 'otklik-diagnose',
  register: async () => {},
  mount,
  async run(state, lang) {
    const chosen = reportLanguage(document, lang);
    const findings = await diagnose(document, state, chosen);
    logReport(findings, chosen);
    return findings;
  },
};

export default module;
