import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetConfig } from './config.ts';
import diagnoseModule, { diagnose, type Finding, type LoaderState, reportLanguage } from './diagnose.ts';
import { installLoader, type LoaderOptions } from './loader.ts';

const widgets = {
  appeal: ['appeal-1.js'],
  'appeal-counter': ['counter-1.js'],
  'appeal-status': ['status-1.js'],
  'org-search': ['search-1.js'],
  diagnose: ['diagnose-1.js'],
};

type Answer = { status: number; body?: unknown } | 'network';

/** A portal that answers widget-settings per organisation id. */
function portal(answers: Record<string, Answer>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    calls.push(url);
    const org = /organizations\/([^/]+)\/widget-settings$/.exec(url)?.[1] ?? '';
    const answer = answers[decodeURIComponent(org)] ?? { status: 200, body: {} };
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'content-type': 'application/problem+json' },
    });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const problem = (status: number, code: string, detail = '') => ({
  status,
  body: { type: 'about:blank', title: code, status, code, detail },
});

/** Mounts every known mount point as the loader would (a shadow root with content). */
function mountAll(): Map<Element, unknown> {
  const mounts = new Map<Element, unknown>();
  for (const el of Array.from(document.querySelectorAll('[data-mounted]'))) {
    el.attachShadow({ mode: 'open' }).append(document.createElement('p'));
    mounts.set(el, () => {});
  }
  return mounts;
}

async function run(
  body: string,
  answers: Record<string, Answer> = {},
  options: { errors?: Event[]; lang?: string; mounts?: Map<Element, unknown> } = {},
) {
  document.body.innerHTML = body;
  const { fetch, calls } = portal(answers);
  const config: WidgetConfig = { portalUrl: 'https://portal.example', fetch };
  const state: LoaderState = [widgets, config, options.errors ?? [], options.mounts ?? mountAll()];
  const findings = await diagnose(document, state, options.lang ?? 'en');
  return { findings, calls, codes: findings.map((f) => f.code) };
}

beforeEach(() => {
  document.documentElement.lang = '';
  // happy-dom lays nothing out: every element that is displayed has one box.
  vi.spyOn(Element.prototype, 'getClientRects').mockImplementation(function (this: Element) {
    const hidden = this.closest('[hidden]');
    return { length: hidden ? 0 : 1 } as DOMRectList;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('diagnose: the report language', () => {
  it('is the one asked for, else the page’s, else the browser’s; Belarusian pages get Russian', () => {
    document.documentElement.lang = 'be';
    expect(reportLanguage(document)).toBe('ru');
    expect(reportLanguage(document, 'en-GB')).toBe('en');
    document.documentElement.lang = 'en';
    expect(reportLanguage(document)).toBe('en');
    document.documentElement.lang = 'de';
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU', 'en']);
    expect(reportLanguage(document)).toBe('ru');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    expect(reportLanguage(document)).toBe('en');
  });

  it('writes the messages in Russian for a Russian page', async () => {
    document.body.innerHTML = '<div data-otklik="apeal" data-org="demo"></div>';
    const state: LoaderState = [widgets, { portalUrl: 'https://portal.example' }, [], new Map()];
    const [finding] = await diagnose(document, state, 'ru');
    expect(finding?.message).toContain('Неизвестный виджет «apeal»');
    expect(finding?.message).toContain('«appeal»');
  });
});

describe('diagnose: mount markup', () => {
  it('all good: one "ok" finding, and each organisation asked about once', async () => {
    const { findings, calls } = await run(
      `<div data-otklik="appeal-counter" data-org="demo" data-mounted></div>
       <div data-otklik="appeal" data-org="demo" data-mounted></div>
       <div data-otklik="org-search" data-mounted></div>`,
    );
    expect(findings).toEqual([
      {
        code: 'ok',
        severity: 'info',
        message: 'All good: 3 widget(s) on the page, the portal https://portal.example answers.',
      },
    ]);
    expect(calls).toEqual(['https://portal.example/v1/organizations/demo/widget-settings']);
  });

  it('finds an empty name, an unknown name (with a suggestion), missing and invalid organisations', async () => {
    const { findings } = await run(
      `<div id="a" data-otklik=""></div>
       <div id="b" data-otklik="Appeal-Counte" data-org="demo"></div>
       <div id="c" data-otklik="appeal"></div>
       <div id="d" data-otklik="appeal" data-org="Demo School"></div>
       <div id="e" data-otklik="appeal-status" data-org=""></div>`,
      {},
      { mounts: new Map() },
    );
    expect(findings.map((f) => [f.code, f.element?.id, f.widget, f.org])).toEqual([
      ['mount-name-missing', 'a', undefined, undefined],
      ['mount-name-unknown', 'b', undefined, undefined],
      ['mount-org-missing', 'c', 'appeal', undefined],
      ['mount-org-invalid', 'd', undefined, 'Demo School'],
      ['mount-org-missing', 'e', 'appeal-status', undefined],
    ]);
    expect(findings[1]?.message).toBe(
      'Unknown widget “Appeal-Counte”. Did you mean “appeal-counter”? Available: appeal, appeal-counter, appeal-status, org-search.',
    );
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('finds quotes an editor damaged: typographic quotes, entities, values split into attributes', async () => {
    const { findings } = await run(
      // What `<div data-otklik=“appeal” data-org=“demo”>` and a lost pair of quotes parse into.
      `<div id="a" data-otklik="“appeal”" data-org="“demo”"></div>
       <div id="b" data-otklik="appeal" data-org="&amp;quot;demo&amp;quot;"></div>
       <div id="c" data-otklik=appeal-counter data-org=demo-school data-variant=full no.1></div>`,
      {},
      { mounts: new Map() },
    );
    expect(findings.map((f) => [f.code, f.element?.id])).toEqual([
      ['mount-quotes-mangled', 'a'],
      ['mount-quotes-mangled', 'b'],
      ['mount-quotes-mangled', 'c'],
      ['mount-not-mounted', 'c'],
    ]);
    expect(findings[0]?.message).toContain('data-otklik=“appeal” data-org=“demo”');
    expect(findings[2]?.message).toContain('(no.1)');
  });

  it('accepts custom elements’ plain options and free text with quotes in non-id options', async () => {
    const { codes } = await run(
      `<otklik-appeal-counter org="demo" variant="full"></otklik-appeal-counter>
       <div data-otklik="org-search" data-tiles-attribution="© «Карты» and O'Brien" data-mounted></div>`,
    );
    // The custom element has no shadow root here: not mounted, but not damaged either.
    expect(codes).toEqual(['mount-not-mounted']);
  });

  it('checks organisation ids with the client’s pattern: no hyphen at either end', async () => {
    const { findings } = await run(
      `<div id="a" data-otklik="appeal" data-org="demo-" data-mounted></div>
       <div id="b" data-otklik="appeal" data-org="-demo" data-mounted></div>
       <div id="c" data-otklik="appeal" data-org="${'a'.repeat(65)}" data-mounted></div>
       <div id="d" data-otklik="appeal" data-org="1-a" data-mounted></div>`,
    );
    expect(findings.map((f) => [f.code, f.element?.id])).toEqual([
      ['mount-org-invalid', 'a'],
      ['mount-org-invalid', 'b'],
      ['mount-org-invalid', 'c'],
    ]);
  });

  it('finds option values the widget does not take, with the values it does take', async () => {
    const { findings, calls } = await run(
      `<div id="a" data-otklik="appeal-counter" data-org="demo" data-variant="wide" data-mounted></div>
       <div id="b" data-otklik="appeal-counter" data-org="demo" data-variant=" FULL " data-lang="be-BY" data-contrast="High" data-mounted></div>
       <div id="c" data-otklik="org-search" data-sphere="Education" data-limit="500" data-country="by" data-mounted></div>
       <div id="d" data-otklik="org-search" data-tiles="http://tiles.example/{z}/{x}/{y}.png" data-mounted></div>
       <otklik-appeal-counter id="e" org="demo" variant="a3" lang="de"></otklik-appeal-counter>
       <div id="f" data-otklik="appeal" data-org="demo" data-variant="wide" data-lang="de" data-mounted></div>`,
    );
    expect(findings.map((f) => [f.code, f.severity, f.element?.id, f.widget])).toEqual([
      ['mount-option-invalid', 'warning', 'a', 'appeal-counter'],
      ['mount-option-invalid', 'warning', 'c', 'org-search'],
      ['mount-option-invalid', 'warning', 'c', 'org-search'],
      ['mount-option-invalid', 'warning', 'd', 'org-search'],
      ['mount-option-invalid', 'warning', 'e', 'appeal-counter'],
      ['mount-not-mounted', 'warning', 'e', 'appeal-counter'],
      // An option the widget does not have is the site's own attribute: left alone.
      ['mount-option-invalid', 'warning', 'f', 'appeal'],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'data-variant="wide" is not a value the “appeal-counter” widget takes: use one of compact, full. The widget will not use it.',
      'data-sphere="Education" is not a value the “org-search” widget takes: for example education. The widget will not use it.',
      'data-limit="500" is not a value the “org-search” widget takes: for example 20. The widget will not use it.',
      'data-tiles="http://tiles.example/{z}/{x}/{y}.png" is not a value the “org-search” widget takes: for example https://tile.openstreetmap.org/{z}/{x}/{y}.png. The widget will not use it.',
      'variant="a3" is not a value the “appeal-counter” widget takes: use one of compact, full. The widget will not use it.',
      expect.stringContaining('The mount point is fine'),
      'data-lang="de" is not a value the “appeal” widget takes: for example be. The widget will not use it.',
    ]);
    // Warnings only: the organisation is still asked about.
    expect(calls).toEqual(['https://portal.example/v1/organizations/demo/widget-settings']);
  });

  it('writes the option finding in Russian', async () => {
    const { findings } = await run(
      '<div data-otklik="appeal-counter" data-org="demo" data-variant="полный" data-mounted></div>',
      {},
      { lang: 'ru' },
    );
    expect(findings[0]?.message).toBe(
      'Значение data-variant="полный" не подходит виджету «appeal-counter»: допустимо одно из: compact, full. Виджет его не примет.',
    );
  });

  it('finds elements that cannot hold a widget, points not mounted, and hidden widgets', async () => {
    const { findings } = await run(
      `<ul><li id="a" data-otklik="appeal" data-org="demo"></li></ul>
       <div id="b" data-otklik="appeal" data-org="demo"></div>
       <div hidden><div id="c" data-otklik="appeal" data-org="demo" data-mounted></div></div>`,
    );
    expect(findings.map((f) => [f.code, f.severity, f.element?.id])).toEqual([
      ['mount-element-unsupported', 'error', 'a'],
      ['mount-not-mounted', 'warning', 'b'],
      ['mount-hidden', 'warning', 'c'],
    ]);
  });

  it('finds markup shown as text, shortcodes left as text and shortcodes a CMS plugin refused', async () => {
    const { findings } = await run(
      `<p>&lt;div data-otklik="appeal" data-org="demo"&gt;&lt;/div&gt;</p>
       <p>{otklik appeal org=demo}</p><p>[otklik type="appeal" org="demo"]</p>
       <!-- otklik: invalid shortcode -->
       <pre>&lt;div data-otklik="appeal"&gt; {otklik appeal org=x}</pre><code>[otklik type="x"]</code>`,
    );
    expect(findings.map((f) => f.code)).toEqual([
      'markup-as-text',
      'shortcode-not-converted',
      'shortcode-not-converted',
      'shortcode-invalid',
    ]);
    expect(findings[1]?.message).toContain('“{otklik appeal org=demo}”');
  });

  it('says when the page has no mount point at all, and when the loader is included twice', async () => {
    expect((await run('<p>Nothing here</p>')).codes).toEqual(['no-mount-points']);
    const twice = await run(
      // (Not run by happy-dom: `type` only keeps it from trying to load them.)
      `<script type="text/plain" src="https://portal.example/otklik.js"></script><script type="text/plain" src="https://other.example/otklik.js?v=2"></script>
       <div data-otklik="appeal" data-org="demo" data-mounted></div>`,
    );
    expect(twice.findings.map((f) => [f.code, f.severity])).toEqual([['loader-twice', 'warning']]);
    expect(twice.findings[0]?.message).toContain('https://portal.example/, https://other.example/');
  });
});

describe('diagnose: what the portal says', () => {
  it('finds unknown organisations and organisations that do not allow this site, per mount point', async () => {
    const { findings } = await run(
      `<div id="a" data-otklik="appeal" data-org="nope" data-mounted></div>
       <div id="b" data-otklik="appeal-counter" data-org="nope" data-mounted></div>
       <div id="c" data-otklik="appeal-counter" data-org="elsewhere" data-mounted></div>
       <div id="d" data-otklik="appeal" data-org="demo" data-mounted></div>`,
      {
        nope: problem(404, 'organization-not-found'),
        elsewhere: problem(403, 'origin-not-allowed', 'not allowed'),
      },
    );
    expect(findings.map((f) => [f.code, f.element?.id, f.org, f.widget])).toEqual([
      ['org-unknown', 'a', 'nope', 'appeal'],
      ['org-unknown', 'b', 'nope', 'appeal-counter'],
      ['origin-not-allowed', 'c', 'elsewhere', 'appeal-counter'],
    ]);
    expect(findings[2]?.message).toBe(
      `The organisation “elsewhere” does not allow this site. Ask the portal’s administrator to add ${location.origin} to the organisation’s allowed origins.`,
    );
  });

  it('reports an unreachable portal once, and a portal error with its detail', async () => {
    const unreachable = await run(
      `<div data-otklik="appeal" data-org="a" data-mounted></div><div data-otklik="appeal" data-org="b" data-mounted></div>`,
      { a: 'network', b: 'network' },
    );
    expect(unreachable.codes).toEqual(['portal-unreachable']);
    const failing = await run('<div data-otklik="appeal" data-org="a" data-mounted></div>', {
      a: problem(503, 'service-unavailable', 'Down for maintenance'),
    });
    expect(failing.findings.map((f) => [f.code, f.message])).toEqual([
      ['portal-error', 'The portal answered 503 for the organisation “a”: Down for maintenance'],
    ]);
  });

  it('tells a CSP connect-src refusal from an outage by the violation it causes', async () => {
    document.body.innerHTML = '<div data-otklik="appeal" data-org="a" data-mounted></div>';
    const fetch = vi.fn(async () => {
      // What Chromium does when connect-src refuses: a violation event, and a rejected fetch.
      const event = new Event('securitypolicyviolation') as Event & Record<string, string>;
      Object.assign(event, {
        effectiveDirective: 'connect-src',
        blockedURI: 'https://portal.example/v1/organizations/a/widget-settings',
        disposition: 'enforce',
      });
      setTimeout(() => document.dispatchEvent(event), 5);
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const findings = await diagnose(
      document,
      [widgets, { portalUrl: 'https://portal.example', fetch }, [], mountAll()],
      'en',
    );
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      [
        'csp-connect',
        'The site’s Content-Security-Policy blocks requests to the portal. Add https://portal.example to the connect-src directive.',
      ],
    ]);
  });
});

describe('diagnose: errors the widgets reported', () => {
  const error = (target: EventTarget, detail: Record<string, string>) => {
    const event = new CustomEvent('otklik:error', { bubbles: true, composed: true, detail });
    target.dispatchEvent(event);
    return event;
  };

  it('lists each once, leaving out those a portal finding already explains', async () => {
    document.body.innerHTML = `<div id="a" data-otklik="appeal" data-org="demo" data-mounted></div>
      <div id="b" data-otklik="appeal-counter" data-org="nope" data-mounted></div>`;
    const mounts = mountAll();
    const a = document.getElementById('a') as Element;
    const b = document.getElementById('b') as Element;
    const errors = [
      error(a, { widget: 'appeal', code: 'invalid-attribute', message: 'data-topic is not valid' }),
      error(a, { widget: 'appeal', code: 'invalid-attribute', message: 'data-topic is not valid' }),
      error(b, { widget: 'appeal-counter', code: 'organization-not-found', message: 'No organisation' }),
    ];
    const { fetch } = portal({ nope: problem(404, 'organization-not-found') });
    const findings = await diagnose(
      document,
      [widgets, { portalUrl: 'https://portal.example', fetch }, errors, mounts],
      'en',
    );
    expect(findings.map((f) => [f.code, f.element?.id])).toEqual([
      ['org-unknown', 'b'],
      ['widget-error', 'a'],
    ]);
    expect(findings[1]?.message).toBe(
      'The “appeal” widget reported an error invalid-attribute: data-topic is not valid',
    );
  });
  it('leaves out an invalid-attribute error an option finding explains', async () => {
    document.body.innerHTML = `<div id="a" data-otklik="org-search" data-sphere="Education" data-mounted></div>
      <div id="b" data-otklik="org-search" data-mounted></div>`;
    const mounts = mountAll();
    const a = document.getElementById('a') as Element;
    const b = document.getElementById('b') as Element;
    const errors = [
      error(a, {
        widget: 'org-search',
        code: 'invalid-attribute',
        message: 'data-sphere="Education" is not valid',
      }),
      error(b, { widget: 'org-search', code: 'invalid-attribute', message: 'data-x is not valid' }),
    ];
    const findings = await diagnose(
      document,
      [widgets, { portalUrl: 'https://portal.example' }, errors, mounts],
      'en',
    );
    expect(findings.map((f) => [f.code, f.element?.id])).toEqual([
      ['mount-option-invalid', 'a'],
      ['widget-error', 'b'],
    ]);
  });
});

describe('Otklik.diagnose() through the loader', () => {
  type Win = LoaderOptions['window'];
  const win = window as unknown as Win;

  it('imports the module only when called, passes it the loader’s state, logs a grouped table', async () => {
    delete win.Otklik;
    document.documentElement.lang = 'ru';
    document.body.innerHTML =
      '<div id="x" data-otklik="appeal-counter" data-org="nope"></div><div data-otklik="apeal" data-org="demo"></div>';
    const counter = {
      name: 'appeal-counter',
      tag: 'otklik-appeal-counter',
      register: async () => {},
      mount: (host: HTMLElement) => {
        host.attachShadow({ mode: 'open' });
        // The counter reports the unknown organisation.
        host.dispatchEvent(
          new CustomEvent('otklik:error', {
            bubbles: true,
            detail: { widget: 'appeal-counter', code: 'organization-not-found', message: 'x' },
          }),
        );
        return () => {};
      },
    };
    const importer = vi.fn(async (url: string) => ({
      default: url.endsWith('diagnose-1.js') ? diagnoseModule : counter,
    }));
    const { fetch } = portal({ nope: problem(404, 'organization-not-found') });
    vi.stubGlobal('fetch', fetch);
    const group = vi.spyOn(console, 'group').mockImplementation(() => {});
    const table = vi.spyOn(console, 'table').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'groupEnd').mockImplementation(() => {});
    const api = installLoader({
      window: win,
      scriptUrl: 'https://portal.example/otklik.js',
      widgets,
      version: '1',
      importer,
      observe: false,
    });
    await api?.ready;
    expect(importer.mock.calls.map(([url]) => url)).toEqual(['https://portal.example/widgets/counter-1.js']);
    const findings = (await api?.diagnose()) as Finding[];
    expect(importer).toHaveBeenLastCalledWith('https://portal.example/widgets/diagnose-1.js');
    expect(findings.map((f) => f.code)).toEqual(['mount-name-unknown', 'org-unknown']);
    expect(findings[1]?.element?.id).toBe('x');
    expect(findings[1]?.message).toContain('Портал не знает организацию «nope»');
    expect(group).toHaveBeenCalledWith('Отклик: диагностика — проблем: 2, предупреждений: 0');
    expect(table.mock.calls[0]?.[0]).toEqual([
      expect.objectContaining({ code: 'mount-name-unknown', element: 'div[data-otklik="apeal"]' }),
      expect.objectContaining({ code: 'org-unknown', org: 'nope', widget: 'appeal-counter' }),
    ]);
    // English on request.
    expect(((await api?.diagnose('en')) as Finding[])[1]?.message).toContain('does not know');
    vi.unstubAllGlobals();
  });

  it('<div data-otklik="diagnose"> shows the report on the page', async () => {
    delete win.Otklik;
    document.documentElement.lang = 'en';
    document.body.innerHTML =
      '<div data-otklik="appeal" data-org="Bad Id"></div><div data-otklik="diagnose"></div>';
    vi.spyOn(console, 'group').mockImplementation(() => {});
    vi.spyOn(console, 'table').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'groupEnd').mockImplementation(() => {});
    const api = installLoader({
      window: win,
      scriptUrl: 'https://portal.example/otklik.js',
      widgets,
      version: '1',
      importer: async (url: string) => ({
        default: url.endsWith('diagnose-1.js')
          ? diagnoseModule
          : { name: 'appeal', tag: 'otklik-appeal', register: async () => {}, mount: () => () => {} },
      }),
      observe: false,
    });
    await api?.ready;
    const panel = document.querySelector('[data-otklik="diagnose"]');
    await vi.waitFor(() => expect(panel?.shadowRoot?.querySelectorAll('li').length).toBe(1));
    expect(panel?.shadowRoot?.querySelector('h2')?.textContent).toBe(
      'Otklik: diagnosis — problems: 1, warnings: 0',
    );
    expect(panel?.shadowRoot?.querySelector('li')?.textContent).toContain('“Bad Id” is not valid');
  });
});
