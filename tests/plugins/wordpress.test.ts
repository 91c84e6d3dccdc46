import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { unzipSync } from 'fflate';
import { mo } from 'gettext-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlugins } from '../../scripts/build-plugins.ts';
import { readL10nPhp } from '../../scripts/plugin-translations.ts';
import { generatedFiles } from '../../scripts/widget-registry/generated-files.ts';
import { wordpressWidgetsFile } from '../../scripts/widget-registry/wordpress.ts';
import { widgetNames, widgets } from '../../widgets.registry.ts';

/**
 * The WordPress plugin as `pnpm build` ships it (dist/plugins/otklik-wordpress.zip): headers, readme,
 * block metadata, translations, PHP syntax, and the plugin itself run by Debian's `php` with small
 * stand-ins for the WordPress functions it calls (tests/plugins/wordpress-run.php): hooks, the loader
 * enqueued with `defer`, the settings page and its sanitising, the shortcode and block markup on
 * hostile input, uninstall.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const invalid = '<!-- otklik: invalid shortcode -->';
/** The only shape of markup the plugin may emit besides `invalid`. */
const safeMount = /^<div data-otklik="[a-z-]+"( data-[a-z]+="[a-z0-9-]+")*><\/div>$/;

type Files = Record<string, Uint8Array>;
const decode = (data: Uint8Array | undefined, name: string): string => {
  if (!data) throw new Error(`${name} missing from the zip`);
  return new TextDecoder('utf-8', { fatal: true }).decode(data);
};

function phpAvailable(): boolean {
  if (spawnSync('php', ['--version']).status === 0) return true;
  const reason =
    'php not found: PHP checks of the WordPress plugin skipped. Install it: apt-get install php-cli';
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(reason);
  return false;
}

/** WordPress file headers (`Name: value` lines in the first comment / readme header). */
function headers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/^[ \t/*#@]*([A-Z][A-Za-z ]+):[ \t]*(.+?)\s*$/gm))
    out[(match[1] as string).trim()] ??= match[2] as string;
  return out;
}

/** The strings passed to `__()`/`esc_html__()` in PHP or `__()` in JS. */
function translatable(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/(?:\b__|esc_html__|esc_attr__)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'otklik'\s*\)/g)].map(
      (match) => (match[1] as string).replace(/\\'/g, "'"),
    ),
  );
}

let files: Files;

beforeAll(() => {
  buildPlugins();
  const zip = unzipSync(readFileSync(resolve(repoRoot, 'dist/plugins/otklik-wordpress.zip')));
  files = Object.fromEntries(
    Object.entries(zip).map(([name, data]) => {
      expect(name.startsWith('otklik/'), name).toBe(true);
      return [name.slice('otklik/'.length), data];
    }),
  );
});

describe('WordPress plugin zip', () => {
  it('is reproducible byte for byte and holds the plugin folder', () => {
    const first = readFileSync(resolve(repoRoot, 'dist/plugins/otklik-wordpress.zip'));
    const again = buildPlugins()['otklik-wordpress.zip'] as Uint8Array;
    expect(Buffer.compare(first, Buffer.from(again))).toBe(0);
    for (const name of [
      'otklik.php',
      'readme.txt',
      'uninstall.php',
      'includes/widgets.php',
      'includes/mount.php',
      'includes/editor.php',
      'includes/admin.php',
      'block/block.json',
      'block/editor.js',
      'block/editor.asset.php',
      'languages/otklik-ru_RU.l10n.php',
      'languages/otklik-ru_RU.mo',
      'languages/otklik-bel.l10n.php',
      'languages/otklik-bel.mo',
    ])
      expect(files[name], name).toBeDefined();
  });

  it('has the plugin header WordPress reads, consistent with readme.txt and block.json', () => {
    const main = decode(files['otklik.php'], 'otklik.php');
    const header = headers(/\/\*\*([\s\S]*?)\*\//.exec(main)?.[1] ?? '');
    expect(header).toMatchObject({
      'Plugin Name': 'Otklik',
      'Text Domain': 'otklik',
      'Domain Path': '/languages',
      License: 'MIT',
    });
    expect(header.Version).toMatch(/^\d+\.\d+\.\d+$/);
    // The `strategy` argument of wp_enqueue_script() exists since 6.3.
    expect(Number(header['Requires at least'])).toBeGreaterThanOrEqual(6.3);
    expect(header['Requires PHP']).toMatch(/^\d+\.\d+$/);
    expect(header.Description?.length).toBeGreaterThan(20);
    expect(main).toContain(`const OTKLIK_VERSION = '${header.Version}';`);

    const readme = decode(files['readme.txt'], 'readme.txt');
    expect(readme.split('\n')[0]).toBe('=== Otklik ===');
    const readmeHeader = headers(readme.split('\n\n')[0] as string);
    expect(readmeHeader['Stable tag']).toBe(header.Version);
    expect(readmeHeader['Requires at least']).toBe(header['Requires at least']);
    expect(readmeHeader['Requires PHP']).toBe(header['Requires PHP']);
    expect(readmeHeader['Tested up to']).toMatch(/^\d+\.\d+$/);
    expect(readmeHeader.License).toBe('MIT');
    expect(readmeHeader.Tags?.split(',').length).toBeLessThanOrEqual(5);
    // The short description: the first paragraph after the header, at most 150 characters.
    const short = readme.split('\n\n')[1] as string;
    expect(short.length).toBeGreaterThan(20);
    expect(short.length).toBeLessThanOrEqual(150);
    for (const section of ['Description', 'Installation', 'Frequently Asked Questions', 'Changelog'])
      expect(readme).toContain(`== ${section} ==`);
    expect(readme).toContain(`= ${header.Version} =`);

    const block = JSON.parse(decode(files['block/block.json'], 'block.json')) as Record<string, unknown>;
    expect(block.version).toBe(header.Version);
  });

  it('the block is a dynamic block with a plain editor script', () => {
    const block = JSON.parse(decode(files['block/block.json'], 'block.json')) as {
      apiVersion: number;
      name: string;
      textdomain: string;
      editorScript: string;
      attributes: Record<string, { type: string; enum?: string[] }>;
    };
    expect(block.apiVersion).toBe(3);
    expect(block.name).toBe('otklik/widget');
    expect(block.textdomain).toBe('otklik');
    expect(Object.keys(block.attributes).sort()).toEqual(['lang', 'org', 'type', 'variant']);
    // Which widgets there are is the plugin's whitelist (includes/widgets.php), not the block's.
    expect(block.attributes.type).toEqual({ type: 'string', default: 'appeal' });
    expect(block.editorScript).toBe('file:./editor.js');
    // No render file and no save markup: rendered on the server by the plugin's callback.
    expect(block).not.toHaveProperty('render');
    expect(decode(files['block/editor.asset.php'], 'editor.asset.php')).toContain("'wp-blocks'");
  });

  it('ships translations (ru_RU, bel) for every string of the PHP and the editor script', () => {
    const php = [
      'otklik.php',
      'includes/admin.php',
      'includes/mount.php',
      'includes/editor.php',
      'includes/widgets.php',
    ]
      .map((name) => decode(files[name], name))
      .join('\n');
    const phpStrings = translatable(php);
    expect(phpStrings.size).toBeGreaterThan(10);
    // The Plugins screen translates the header's name, description and author with the text domain.
    const header = headers(/\/\*\*([\s\S]*?)\*\//.exec(decode(files['otklik.php'], 'otklik.php'))?.[1] ?? '');
    for (const field of ['Plugin Name', 'Description', 'Author']) phpStrings.add(header[field] as string);
    const block = JSON.parse(decode(files['block/block.json'], 'block.json')) as {
      title: string;
      description: string;
      keywords: string[];
    };
    // block.json is translated with gettext contexts (WordPress's block i18n schema).
    phpStrings.add(`block title\u0004${block.title}`);
    phpStrings.add(`block description\u0004${block.description}`);
    for (const keyword of block.keywords) phpStrings.add(`block keyword\u0004${keyword}`);

    const jsStrings = translatable(decode(files['block/editor.js'], 'editor.js'));
    expect(jsStrings.size).toBeGreaterThan(10);
    // WordPress looks the editor script's translations up as DOMAIN-LOCALE-md5(path in the plugin).json.
    const md5 = createHash('md5').update('block/editor.js').digest('hex');

    for (const locale of ['ru_RU', 'bel']) {
      const l10n = decode(files[`languages/otklik-${locale}.l10n.php`], locale);
      const keys = new Set(
        [...l10n.matchAll(/^\t\t(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*=>/gm)].map((match) =>
          (match[2] as string).replace(/\\4/g, '\u0004').replace(/\\(['"])/g, '$1'),
        ),
      );
      expect([...keys].sort(), locale).toEqual([...phpStrings].sort());
      expect(l10n).toContain(`'language'     => '${locale}'`);

      // WordPress 6.3 and 6.4 read the .mo file: the same messages, contexts and plural rule.
      const source = readL10nPhp(l10n, locale);
      expect([...source.messages.keys()].sort()).toEqual([...keys].sort());
      const compiled = mo.parse(Buffer.from(files[`languages/otklik-${locale}.mo`] as Uint8Array));
      expect(compiled.headers).toMatchObject({ Language: locale, 'Plural-Forms': source.pluralForms });
      const fromMo = new Map<string, string>();
      for (const [context, entries] of Object.entries(compiled.translations))
        for (const entry of Object.values(entries))
          if (entry.msgid)
            fromMo.set(context ? `${context}\u0004${entry.msgid}` : entry.msgid, entry.msgstr[0] as string);
      expect(fromMo).toEqual(source.messages);

      const json = JSON.parse(decode(files[`languages/otklik-${locale}-${md5}.json`], `${locale}.json`)) as {
        locale_data: { messages: Record<string, unknown> };
      };
      const { '': meta, ...messages } = json.locale_data.messages;
      expect(meta).toMatchObject({ lang: locale });
      expect(Object.keys(messages).sort(), locale).toEqual([...jsStrings].sort());
      for (const value of Object.values(messages)) expect((value as string[])[0]).toMatch(/\S/);
    }
  });
});

describe.skipIf(!phpAvailable())('WordPress plugin with php', () => {
  let dir: string;

  beforeAll(() => {
    // The PHP that ships: extracted from the built zip.
    dir = mkdtempSync(join(tmpdir(), 'otklik-wordpress-'));
    for (const [name, data] of Object.entries(files)) {
      const path = join(dir, 'otklik', name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Case = { fn: string; input?: unknown; options?: Record<string, unknown>; [key: string]: unknown };
  function run(cases: Case[]): unknown[] {
    const output = execFileSync(
      'php',
      [resolve(import.meta.dirname, 'wordpress-run.php'), join(dir, 'otklik')],
      {
        input: JSON.stringify(cases),
        encoding: 'utf8',
      },
    );
    return JSON.parse(output) as unknown[];
  }
  const shortcode = (...inputs: unknown[]) => run(inputs.map((input) => ({ fn: 'shortcode', input })));

  it('every PHP file passes php -l and refuses to run outside WordPress', () => {
    const phpFiles = Object.keys(files).filter((name) => name.endsWith('.php'));
    expect(phpFiles.length).toBe(9);
    for (const file of [
      ...phpFiles.map((name) => join(dir, 'otklik', name)),
      resolve(import.meta.dirname, 'wordpress-run.php'),
    ]) {
      const result = spawnSync('php', ['-l', file], { encoding: 'utf8' });
      expect(result.status, `${file}\n${result.stdout}${result.stderr}`).toBe(0);
    }
    for (const name of phpFiles)
      expect(decode(files[name], name), name).toContain(
        name === 'uninstall.php'
          ? "defined( 'WP_UNINSTALL_PLUGIN' ) || exit;"
          : "defined( 'ABSPATH' ) || exit;",
      );
  });

  it('registers its hooks, the shortcode, the block and the translations', () => {
    const [hooks, init] = run([{ fn: 'hooks' }, { fn: 'init' }]) as [
      { actions: string[][]; filters: string[][] },
      Record<string, unknown[][]>,
    ];
    expect(hooks.actions).toEqual([
      ['init', 'otklik_init'],
      ['wp_enqueue_scripts', 'otklik_enqueue_loader'],
      ['admin_menu', 'otklik_admin_menu'],
      ['admin_init', 'otklik_register_settings'],
      ['admin_notices', 'otklik_admin_notice'],
      ['enqueue_block_editor_assets', 'otklik_editor_assets'],
    ]);
    expect(hooks.filters).toEqual([
      ['the_content', 'otklik_unwrap_mounts', 12],
      ['widget_text_content', 'otklik_unwrap_mounts', 12],
      ['plugin_action_links_otklik/otklik.php', 'otklik_action_links', 10],
    ]);
    expect(init.shortcodes).toEqual([['otklik', 'otklik_shortcode']]);
    expect(init.blocks).toEqual([[join(dir, 'otklik', 'block'), { render_callback: 'otklik_render_block' }]]);
    expect(init.textdomain).toEqual([['otklik', 'otklik/languages']]);
    // The handle WordPress gives the block's editorScript: <namespace>-<name>-editor-script.
    expect(init.translations).toEqual([
      ['otklik-widget-editor-script', 'otklik', join(dir, 'otklik', 'languages')],
    ]);
  });

  it('the editor script registers the block with the registry’s widgets and settings controls', () => {
    const [inline] = run([{ fn: 'editor' }]) as [[string, string, string][]];
    expect(inline?.map(([handle, , position]) => [handle, position])).toEqual([
      ['otklik-widget-editor-script', 'before'],
    ]);
    const editorSettings = JSON.parse(
      /^window\.otklikEditor = (.*);$/.exec(inline?.[0]?.[1] ?? '')?.[1] ?? 'null',
    );
    type Node = { type: unknown; props: Record<string, unknown>; children: unknown[] };
    const registered: Record<string, { edit: (props: unknown) => Node; save: () => unknown }> = {};
    const component = (name: string) => name;
    const wp = {
      blocks: { registerBlockType: (name: string, settings: never) => void (registered[name] = settings) },
      blockEditor: { useBlockProps: () => ({ className: 'wp-block-otklik-widget' }) },
      components: {
        Placeholder: component('Placeholder'),
        SelectControl: component('SelectControl'),
        TextControl: component('TextControl'),
      },
      element: {
        createElement: (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => ({
          type,
          props: props ?? {},
          children: children.filter(Boolean),
        }),
      },
      i18n: { __: (text: string) => text },
    };
    runInNewContext(decode(files['block/editor.js'], 'editor.js'), {
      window: { wp, otklikEditor: editorSettings },
    });
    const settings = registered['otklik/widget'] as (typeof registered)[string] & { icon: Node };
    expect(settings).toBeDefined();
    // An SVG icon, in the inserter and on the placeholder: a dashicon is blank in the iframed editor.
    expect(settings.icon.type).toBe('svg');
    expect((settings.icon.children[0] as Node).type).toBe('path');
    expect(settings?.save()).toBeNull();
    const set: Record<string, unknown>[] = [];
    const render = (attributes: Record<string, string>) =>
      settings?.edit({ attributes, setAttributes: (next: Record<string, unknown>) => set.push(next) });
    const controls = (tree: Node | undefined) =>
      ((tree?.children[0] as Node).children as Node[]).map((node) => [node.type, node.props.label]);
    const counter = render({ type: 'appeal-counter', org: 'demo-school', variant: '', lang: '' });
    expect((counter?.children[0] as Node).props.icon).toBe(settings.icon);
    expect(controls(counter)).toEqual([
      ['SelectControl', 'Widget'],
      ['TextControl', 'Organisation ID'],
      ['SelectControl', 'Layout'],
      ['SelectControl', 'Language'],
    ]);
    const widgetSelect = (counter?.children[0] as Node).children[0] as Node;
    expect(widgetSelect.props.options).toEqual(
      widgetNames.map((name) => ({ value: name, label: widgets[name].label.en })),
    );
    (widgetSelect.props.onChange as (value: string) => void)('appeal');
    expect(set).toEqual([{ type: 'appeal' }]);
    // The layout choice is for the widgets with a variant: the counter and the rating badge.
    expect(controls(render({ type: 'appeal', org: '', variant: '', lang: '' }))).toHaveLength(3);
    expect(controls(render({ type: 'rating', org: '', variant: '', lang: '' }))).toHaveLength(4);
    expect(controls(render({ type: 'org-search', org: '', variant: '', lang: '' }))).toHaveLength(3);
    // The organisation id is checked with the client's pattern: no trailing hyphen.
    const help = (org: string) =>
      ((render({ type: 'appeal', org, variant: '', lang: '' })?.children[0] as Node).children[1] as Node)
        .props.help;
    expect([help('demo-school'), help('demo-'), help('')]).toEqual([
      'As given by the portal, e.g. demo-school.',
      'Only lowercase Latin letters, digits and hyphens.',
      'As given by the portal, e.g. demo-school.',
    ]);
  });

  it('enqueues the loader, deferred, under one handle, only when the portal address is valid', () => {
    const results = run([
      { fn: 'enqueue', options: { otklik_portal_url: 'https://otklik.example.ru' } },
      { fn: 'enqueue', options: { otklik_portal_url: 'https://example.org/otklik' } },
      { fn: 'enqueue', options: {} },
      { fn: 'enqueue', options: { otklik_portal_url: '' } },
      { fn: 'enqueue', options: { otklik_portal_url: 'javascript:alert(1)' } },
      { fn: 'enqueue', options: { otklik_portal_url: 'https://x.ru/"><script>' } },
      { fn: 'enqueue', options: { otklik_portal_url: ['https://x.ru'] } },
    ]) as unknown[][][];
    const deferred = { strategy: 'defer', in_footer: false };
    // Called twice per case: the same handle both times, which WordPress prints once.
    expect(results[0]).toEqual([
      ['otklik-loader', 'https://otklik.example.ru/otklik.js', [], null, deferred],
      ['otklik-loader', 'https://otklik.example.ru/otklik.js', [], null, deferred],
    ]);
    expect(results[1]?.[0]?.[1]).toBe('https://example.org/otklik/otklik.js');
    for (const result of results.slice(2)) expect(result).toEqual([]);
  });

  it('the settings page: manage_options, the Settings API form with its nonce, escaped values', () => {
    const [admin, page, hostile, denied] = run([
      { fn: 'admin' },
      { fn: 'page', options: { otklik_portal_url: 'https://otklik.example.ru' } },
      { fn: 'page', options: { otklik_portal_url: '"><script>alert(1)</script>' } },
      { fn: 'page', can: false },
    ]) as [{ pages: unknown[][]; settings: unknown[][] }, string, string, string];
    expect(admin.pages).toEqual([
      ['Otklik settings', 'Otklik', 'manage_options', 'otklik', 'otklik_settings_page'],
    ]);
    expect(admin.settings).toEqual([
      [
        'otklik',
        'otklik_portal_url',
        {
          type: 'string',
          description: 'Address of the Otklik portal',
          sanitize_callback: 'otklik_sanitize_portal_url',
          show_in_rest: false,
          default: '',
        },
      ],
    ]);
    expect(page).toContain('<form action="https://site.example/wp-admin/options.php" method="post">');
    expect(page).toContain('name="option_page" value="otklik"');
    expect(page).toContain('name="_wpnonce"');
    expect(page).toContain('name="otklik_portal_url" value="https://otklik.example.ru"');
    expect(page).toContain(
      '<code>script-src &#039;self&#039; https://otklik.example.ru; connect-src &#039;self&#039; https://otklik.example.ru</code>',
    );
    expect(page).toContain('Otklik.diagnose()');
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    // An invalid stored address shows no CSP advice built from it.
    expect(hostile).not.toContain('script-src');
    expect(denied).toBe('');
  });

  it('sanitises the portal address: normalised http(s) only, else refused keeping the old one', () => {
    const old = { otklik_portal_url: 'https://old.example.ru' };
    const results = run([
      { fn: 'sanitize', input: '  HTTPS://Otklik.Example.RU:8443/portal/  ' },
      { fn: 'sanitize', input: 'http://localhost:8787' },
      { fn: 'sanitize', input: '' },
      { fn: 'sanitize', input: '   ', options: old },
      { fn: 'sanitize', input: 'javascript:alert(1)', options: old },
      { fn: 'sanitize', input: 'otklik.example.ru', options: old },
      { fn: 'sanitize', input: 'https://otklik.example.ru/?x=1', options: old },
      { fn: 'sanitize', input: 'https://user:pass@otklik.example.ru', options: old },
      { fn: 'sanitize', input: 'https://otklik.example.ru/"><script>alert(1)</script>', options: old },
      { fn: 'sanitize', input: 'ftp://otklik.example.ru' },
      { fn: 'sanitize', input: ['https://otklik.example.ru'], options: old },
      { fn: 'sanitize', input: `https://otklik.example.ru/${'a'.repeat(3000)}`, options: old },
    ]) as { value: string; errors: unknown[] }[];
    expect(results.map((r) => r.value)).toEqual([
      'https://otklik.example.ru:8443/portal',
      'http://localhost:8787',
      '',
      '',
      'https://old.example.ru',
      'https://old.example.ru',
      'https://old.example.ru',
      'https://old.example.ru',
      'https://old.example.ru',
      '',
      '',
      'https://old.example.ru',
    ]);
    expect(results.map((r) => r.errors.length)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1]);
  });

  it('turns shortcodes and blocks into mount points', () => {
    expect(
      shortcode(
        { type: 'appeal', org: 'demo-school' },
        { type: 'appeal-counter', org: 'demo-school', variant: 'full', lang: 'be' },
        { type: 'appeal-status', org: '123' },
        { type: 'APPEAL-COUNTER', org: ' demo-school ', variant: 'FULL', lang: 'EN' },
        { type: 'rate', org: 'demo-by', contrast: 'high' },
        { type: 'org-search' },
        { type: 'qr', org: 'demo-school' },
        { type: 'rating', org: 'demo-school', lang: '' },
      ),
    ).toEqual([
      '<div data-otklik="appeal" data-org="demo-school"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full" data-lang="be"></div>',
      '<div data-otklik="appeal-status" data-org="123"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full" data-lang="en"></div>',
      '<div data-otklik="rate" data-org="demo-by" data-contrast="high"></div>',
      '<div data-otklik="org-search"></div>',
      '<div data-otklik="qr" data-org="demo-school"></div>',
      '<div data-otklik="rating" data-org="demo-school"></div>',
    ]);
    expect(
      run([
        { fn: 'block', input: { type: 'appeal-counter', org: 'demo-school', variant: 'full', lang: '' } },
        { fn: 'block', input: { type: 'appeal', org: '' } },
        { fn: 'block', input: null },
      ]),
    ).toEqual([
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
      invalid,
      invalid,
    ]);
  });

  it('takes mount divs out of paragraphs, keeping the text around them in paragraphs', () => {
    const div = '<div data-otklik="rating" data-org="demo-school" data-variant="full"></div>';
    const cases: Array<[string, string]> = [
      // Text around the shortcode: the paragraph ends before the div and starts again after it.
      [`<p>Rate us: ${div} Thank you!</p>`, `<p>Rate us: </p>${div}<p> Thank you!</p>`],
      // A paragraph with attributes, which WordPress's shortcode_unautop() leaves alone.
      [`<p class="has-text-align-center">${div}</p>`, div],
      [`<p class="a" id="x">A ${div} B</p>`, `<p class="a" id="x">A </p>${div}<p class="a"> B</p>`],
      // Inline elements open around the shortcode are closed before the div and reopened after it.
      [
        `<p><strong id="s">Rate <em>us ${div} now</em></strong> please</p>`,
        `<p><strong id="s">Rate <em>us </em></strong></p>${div}<p><strong><em> now</em></strong> please</p>`,
      ],
      // Nothing but spaces, a line break or a non-breaking space left: no empty paragraph.
      [`<p>&nbsp;${div}<br>\n</p>`, div],
      [`<p>${div}${div.replace('rating', 'rate')}</p>`, `${div}${div.replace('rating', 'rate')}`],
      // Other paragraphs and blocks stay as they are.
      [
        `<p>one</p>\n<p>two ${div}</p>\n<pre>${div}</pre>`,
        `<p>one</p>\n<p>two </p>${div}\n<pre>${div}</pre>`,
      ],
      [`<div class="x">${div}</div><p>text</p>`, `<div class="x">${div}</div><p>text</p>`],
      // Not a mount of the plugin's: left alone.
      [
        '<p>a <div data-otklik="x" onclick="y"></div> b</p>',
        '<p>a <div data-otklik="x" onclick="y"></div> b</p>',
      ],
    ];
    expect(run(cases.map(([input]) => ({ fn: 'unwrap', input })))).toEqual(cases.map(([, output]) => output));
    expect(
      run([
        { fn: 'unwrap', input: '' },
        { fn: 'unwrap', input: null },
      ]),
    ).toEqual(['', null]);
  });

  it('turns hostile shortcode attributes into exactly the safe div, or into nothing', () => {
    const results = shortcode(
      // Unknown or dangerous widget names, missing or broken organisation ids: nothing.
      '',
      {},
      { type: 'evil', org: 'demo-school' },
      { type: '<script>alert(1)</script>', org: 'demo-school' },
      { type: 'appeal"', org: 'demo-school' },
      { type: ['appeal'], org: 'demo-school' },
      { type: 'appeal' },
      { type: 'appeal', org: '' },
      { type: 'appeal', org: '"><script>alert(1)</script>' },
      { type: 'appeal', org: "demo' onmouseover='alert(1)" },
      { type: 'appeal', org: 'demo" onload="alert(1)' },
      { type: 'appeal', org: '&quot;&gt;&lt;script&gt;' },
      { type: 'appeal', org: 'DEMO' },
      { type: 'appeal', org: 'де-мо' },
      { type: 'appeal', org: 'demo school' },
      { type: 'appeal', org: '-demo' },
      { type: 'appeal', org: 'javascript:alert(1)' },
      { type: 'appeal', org: 'a'.repeat(65) },
      { type: 'appeal', org: 'a'.repeat(100_000) },
      { type: 'appeal', org: { nested: 'demo' } },
      { type: 'org-search', org: '"><b>' },
      // Valid widget and organisation: hostile extras are dropped, the div stays plain.
      {
        type: 'appeal',
        org: 'demo-school',
        variant: '"><img src=x onerror=alert(1)>',
        lang: 'ru" onclick="alert(1)',
        contrast: '<b>high</b>',
      },
      {
        type: 'appeal',
        org: 'demo-school',
        onclick: 'alert(1)',
        style: 'color:red',
        'data-x': '1',
        0: 'onload=x',
      },
      { type: 'appeal-counter', org: 'demo-school', variant: 'a'.repeat(33), lang: 'de' },
      { type: 'appeal-counter', org: 'demo-school', variant: `full${'x'.repeat(100_000)}` },
    ) as string[];
    expect(results.slice(0, 21)).toEqual(Array(21).fill(invalid));
    expect(results.slice(21)).toEqual([
      '<div data-otklik="appeal" data-org="demo-school"></div>',
      '<div data-otklik="appeal" data-org="demo-school"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school"></div>',
    ]);
  });

  it('passes the rating widgets’ options through their whitelists', () => {
    expect(
      shortcode(
        {
          type: 'org-search',
          country: 'BY',
          sphere: 'education',
          category: 'school',
          parent: 'demo-edu-dept',
          target: 'rate-form',
          limit: '20',
          tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
          'tiles-attribution': '© OpenStreetMap',
        },
        { type: 'qr', org: 'demo-school', poster: 'A4', url: 'https://bus.gov.ru/qrcode/rate/123' },
        {
          type: 'org-search',
          country: 'KZ',
          limit: '51',
          target: '1"><script>',
          tiles: 'javascript:alert(1)//{z}',
          'tiles-attribution': '<img src=x onerror=alert(1)>',
        },
        { type: 'org-search', tiles: 'http://insecure.example/{z}/{x}/{y}.png', 'tiles-attribution': `a"b` },
        { type: 'qr', org: 'demo-school', url: 'https://x.example/"><script>alert(1)</script>' },
        { type: 'qr', org: 'demo-school', url: 'javascript:alert(1)', poster: 'a3' },
      ),
    ).toEqual([
      '<div data-otklik="org-search" data-country="by" data-sphere="education" data-category="school" data-parent="demo-edu-dept" data-target="rate-form" data-limit="20" data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png" data-tiles-attribution="© OpenStreetMap"></div>',
      '<div data-otklik="qr" data-org="demo-school" data-poster="a4" data-url="https://bus.gov.ru/qrcode/rate/123"></div>',
      '<div data-otklik="org-search"></div>',
      '<div data-otklik="org-search"></div>',
      '<div data-otklik="qr" data-org="demo-school"></div>',
      '<div data-otklik="qr" data-org="demo-school"></div>',
    ]);
  });

  it('takes the registry’s widgets and options, each widget only its own', () => {
    const [known] = run([{ fn: 'widgets' }]) as [
      Record<string, { org: boolean; options: Record<string, unknown> }>,
    ];
    expect(Object.keys(known)).toEqual(widgetNames);
    for (const name of widgetNames) {
      expect(known[name]?.org, name).toBe(widgets[name].needsOrg);
      expect(Object.keys(known[name]?.options ?? {}), name).toEqual([
        ...Object.keys(widgets[name].options),
        'lang',
        'contrast',
      ]);
    }
    expect(
      shortcode(
        // Options of other widgets are left out.
        { type: 'appeal', org: 'demo-school', variant: 'full', poster: 'a4', country: 'ru', lang: 'ru-RU' },
        { type: 'rating', org: 'demo-school', variant: 'FULL', poster: 'a4' },
        { type: 'appeal-counter', org: 'demo-school', variant: 'wide' },
        // The organisation id is the client's: no hyphen at either end.
        { type: 'appeal', org: 'demo-' },
        { type: 'org-search', org: 'demo-' },
        { type: 'org-search', sphere: '1st', category: 'School', parent: 'demo-edu-dept' },
      ),
    ).toEqual([
      '<div data-otklik="appeal" data-org="demo-school" data-lang="ru-ru"></div>',
      '<div data-otklik="rating" data-org="demo-school" data-variant="full"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school"></div>',
      invalid,
      invalid,
      '<div data-otklik="org-search" data-category="school" data-parent="demo-edu-dept"></div>',
    ]);
  });

  it('the settings page lists every widget with its label and its options', () => {
    const [page] = run([{ fn: 'page', options: { otklik_portal_url: 'https://otklik.example.ru' } }]) as [
      string,
    ];
    for (const name of widgetNames)
      expect(page).toMatch(new RegExp(`<li><code>type="${name}"</code> — ${widgets[name].label.en}[ :]`));
    expect(page).toContain(
      '<li><code>type="appeal-counter"</code> — Appeal counter: <code>variant=&quot;compact|full&quot; lang=&quot;be&quot; contrast=&quot;high&quot;</code></li>',
    );
    expect(page).toContain('<li><code>type="org-search"</code> — Organisation search (works without org): ');
  });

  it('stays safe when a theme filters the attributes after shortcode_atts()', () => {
    expect(
      run([
        { fn: 'shortcode', input: { type: 'appeal', org: 'demo' }, hostileFilter: { org: '"><script>' } },
        { fn: 'shortcode', input: { type: 'appeal', org: 'demo' }, hostileFilter: { type: 'x"><script>' } },
        {
          fn: 'shortcode',
          input: { type: 'appeal', org: 'demo' },
          hostileFilter: { variant: '" onmouseover="alert(1)', extra: '<script>' },
        },
      ]),
    ).toEqual([invalid, invalid, '<div data-otklik="appeal" data-org="demo"></div>']);
  });

  it('only ever emits the plain mount markup', () => {
    const inputs: Record<string, string>[] = [];
    const values = [
      'appeal',
      'appeal-counter',
      'org-search',
      'demo-school',
      'full',
      'be',
      'high',
      '"',
      '<x>',
      '',
    ];
    for (const type of values.slice(0, 4))
      for (const org of values)
        for (const variant of values) inputs.push({ type, org, variant, lang: variant, contrast: variant });
    for (const output of shortcode(...inputs) as string[])
      expect(output === invalid || safeMount.test(output), output).toBe(true);
  });

  it('uninstall.php deletes the option, and only when WordPress uninstalls the plugin', () => {
    expect(
      run([
        { fn: 'uninstall', constant: true },
        { fn: 'uninstall', constant: false },
      ]),
    ).toEqual([['otklik_portal_url'], []]);
  });
});
