import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlugins, joomlaPlugins } from '../../scripts/build-plugins.ts';
import { generatedFiles } from '../../scripts/widget-registry/generated-files.ts';
import { joomlaRegistryFile } from '../../scripts/widget-registry/joomla.ts';
import { widgetNames, widgets } from '../../widgets.registry.ts';

/**
 * The Joomla package as `pnpm build` ships it (dist/plugins/pkg_otklik.zip): manifests, language files,
 * PHP syntax, and the shortcode conversion and portal URL validation run with Debian's `php`.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const languages = ['en-GB', 'ru-RU', 'be-BY'];

type Files = Record<string, Uint8Array>;
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['folder', 'file', 'language', 'field', 'fieldset', 'fields'].includes(name),
});

function manifest(files: Files, name: string): XmlNode {
  const data = files[name];
  if (!data) throw new Error(`${name} missing from the zip`);
  const xml = new TextDecoder().decode(data);
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return (parser.parse(xml) as { extension: XmlNode }).extension;
}

const text = (node: unknown): string =>
  typeof node === 'string' ? node : String((node as XmlNode | undefined)?.['#text'] ?? '');

/** Joomla language file: `KEY="value"` lines and `;` comments, nothing else. */
function languageKeys(data: Uint8Array | undefined, name: string): Set<string> {
  if (!data) throw new Error(`${name} missing from the zip`);
  const keys = new Set<string>();
  for (const line of new TextDecoder('utf-8', { fatal: true }).decode(data).split('\n')) {
    if (line.trim() === '' || line.startsWith(';')) continue;
    const match = /^([A-Z][A-Z0-9_]*)="((?:[^"\\]|\\.)*)"$/.exec(line);
    expect(match, `${name}: ${line}`).not.toBeNull();
    keys.add(match?.[1] as string);
  }
  return keys;
}

/** `php` from Debian: required under CI, else the PHP checks are skipped with a reason. */
function phpAvailable(): boolean {
  if (spawnSync('php', ['--version']).status === 0) return true;
  const reason =
    'php not found: PHP checks of the Joomla plugins skipped. Install it: apt-get install php-cli';
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(reason);
  return false;
}

let pkg: Files;
const plugins: Record<string, Files> = {};

beforeAll(() => {
  buildPlugins();
  pkg = unzipSync(readFileSync(resolve(repoRoot, 'dist/plugins/pkg_otklik.zip')));
  for (const plugin of joomlaPlugins) plugins[plugin] = unzipSync(pkg[`${plugin}.zip`] as Uint8Array);
});

describe('Joomla package zip', () => {
  it('is reproducible byte for byte', () => {
    const first = readFileSync(resolve(repoRoot, 'dist/plugins/pkg_otklik.zip'));
    const again = buildPlugins()['pkg_otklik.zip'] as Uint8Array;
    expect(Buffer.compare(first, Buffer.from(again))).toBe(0);
  });

  it('has a package manifest whose files and languages are in the zip', () => {
    const ext = manifest(pkg, 'pkg_otklik.xml');
    expect(ext['@type']).toBe('package');
    expect(ext['@method']).toBe('upgrade');
    for (const element of ['name', 'packagename', 'version', 'author', 'description'])
      expect(text(ext[element]), element).not.toBe('');
    expect(text(ext.packagename)).toMatch(/^[a-z][a-z0-9_]*$/);
    const files = (ext.files as XmlNode).file as XmlNode[];
    expect(files.map((file) => text(file)).sort()).toEqual(joomlaPlugins.map((p) => `${p}.zip`).sort());
    for (const file of files) {
      expect(file['@type']).toBe('plugin');
      expect(file['@id']).toBe('otklik');
      expect(pkg[text(file)], text(file)).toBeDefined();
      // The group named in the package is the plugin's own.
      const plugin = plugins[text(file).replace(/\.zip$/, '')] as Files;
      expect(manifest(plugin, 'otklik.xml')['@group']).toBe(file['@group']);
    }
    const langs = ((ext.languages as XmlNode).language as XmlNode[]).map((node) => ({
      tag: node['@tag'],
      path: `${(ext.languages as XmlNode)['@folder']}/${text(node)}`,
    }));
    expect(langs.map((lang) => lang.tag).sort()).toEqual([...languages].sort());
    for (const { path } of langs)
      expect(languageKeys(pkg[path], path)).toEqual(new Set(['PKG_OTKLIK', 'PKG_OTKLIK_XML_DESCRIPTION']));
  });

  for (const plugin of joomlaPlugins) {
    const group = plugin.split('_')[1] as string;
    const prefix = `PLG_${group.toUpperCase()}_OTKLIK`;

    it(`${plugin}: manifest follows Joomla 4/5 conventions and lists only files in the zip`, () => {
      const files = plugins[plugin] as Files;
      const ext = manifest(files, 'otklik.xml');
      expect(ext['@type']).toBe('plugin');
      expect(ext['@group']).toBe(group);
      expect(ext['@method']).toBe('upgrade');
      expect(text(ext.name)).toBe(plugin);
      expect(text(ext.version)).toMatch(/^\d+\.\d+\.\d+$/);
      expect(text(ext.description)).toBe(`${prefix}_XML_DESCRIPTION`);
      const namespace = ext.namespace as XmlNode;
      expect(namespace['@path']).toBe('src');
      const ns = text(namespace);
      expect(ns).toBe(`Otklik\\Plugin\\${group[0]?.toUpperCase()}${group.slice(1)}\\Otklik`);

      const listed = (ext.files as XmlNode).folder as XmlNode[];
      expect(listed.find((folder) => folder['@plugin'] === 'otklik') && text(listed[0])).toBe('services');
      for (const folder of listed.map(text))
        expect(
          Object.keys(files).some((name) => name.startsWith(`${folder}/`)),
          folder,
        ).toBe(true);
      // Every file in the zip is covered by the manifest (nothing stray, nothing missing).
      const covered = (name: string) =>
        name === 'otklik.xml' || listed.some((folder) => name.startsWith(`${text(folder)}/`));
      expect(Object.keys(files).filter((name) => !covered(name))).toEqual([]);

      // The service provider and the extension class sit where the namespace says.
      expect(files['services/provider.php']).toBeDefined();
      const extension = new TextDecoder().decode(files['src/Extension/Otklik.php']);
      expect(extension).toContain(`namespace ${ns}\\Extension;`);
      expect(extension).toContain('implements SubscriberInterface');
      expect(new TextDecoder().decode(files['services/provider.php'])).toContain(
        `PluginHelper::getPlugin('${group}', 'otklik')`,
      );

      // Each language: .ini and .sys.ini in the plugin's own language folder, the same keys in all
      // three, covering the manifest's keys.
      const usedKeys = new Set([text(ext.name).toUpperCase(), text(ext.description)]);
      const fields = (((ext.config as XmlNode | undefined)?.fields as XmlNode[] | undefined)?.[0]?.fieldset ??
        []) as XmlNode[];
      for (const field of fields.flatMap((set) => set.field as XmlNode[]))
        for (const attribute of ['@label', '@description']) usedKeys.add(field[attribute] as string);
      const languageFiles = Object.keys(files).filter((name) => name.startsWith('language/'));
      expect(languageFiles.sort()).toEqual(
        languages
          .flatMap((tag) => [`language/${tag}/${plugin}.ini`, `language/${tag}/${plugin}.sys.ini`])
          .sort(),
      );
      for (const suffix of ['.ini', '.sys.ini']) {
        const keySets = languages.map((tag) => {
          const path = `language/${tag}/${plugin}${suffix}`;
          return languageKeys(files[path], path);
        });
        for (const keys of keySets) expect(keys).toEqual(keySets[0]);
        if (suffix === '.ini') for (const key of usedKeys) expect(keySets[0]?.has(key), key).toBe(true);
      }
    });

    it(`${plugin}: a language added to the site after the plugin still gets the plugin's strings`, () => {
      // Joomla's installer, as far as languages go: <files> folders are copied into the plugin's folder;
      // the files of a <languages> element into the site's administrator/language/TAG/, and only for
      // languages installed at that moment. CMSPlugin::loadLanguage() and the Plugins screen then look in
      // administrator/language first and in the plugin's own language folder second.
      const files = plugins[plugin] as Files;
      const ext = manifest(files, 'otklik.xml');
      const installedOn = (siteLanguages: string[]) => {
        const copied = new Set<string>();
        for (const folder of ((ext.files as XmlNode).folder as XmlNode[]).map(text))
          for (const name of Object.keys(files))
            if (name.startsWith(`${folder}/`)) copied.add(`plugins/${group}/otklik/${name}`);
        const declared = ext.languages as XmlNode | undefined;
        for (const node of (declared?.language as XmlNode[] | undefined) ?? []) {
          const tag = node['@tag'] as string;
          if (siteLanguages.includes(tag))
            copied.add(`administrator/language/${tag}/${text(node).split('/').at(-1)}`);
        }
        return copied;
      };
      const loads = (copied: Set<string>, tag: string, file: string) =>
        copied.has(`administrator/language/${tag}/${file}`) ||
        copied.has(`plugins/${group}/otklik/language/${tag}/${file}`);
      // A school site installed in English; Russian and Belarusian are added later.
      const copied = installedOn(['en-GB']);
      for (const tag of languages)
        for (const file of [`${plugin}.ini`, `${plugin}.sys.ini`])
          expect(loads(copied, tag, file), `${tag} ${file}`).toBe(true);
    });
  }

  it('the system plugin validates the portal URL field as an http(s) URL', () => {
    const ext = manifest(plugins.plg_system_otklik as Files, 'otklik.xml');
    const field = (((ext.config as XmlNode).fields as XmlNode[])[0]?.fieldset as XmlNode[])[0]
      ?.field as XmlNode[];
    expect(field[0]).toMatchObject({
      '@name': 'portal_url',
      '@type': 'url',
      '@validate': 'url',
      '@schemes': 'https,http',
      '@required': 'true',
    });
  });

  it('the content plugin ships the whitelist generated from the widget registry', () => {
    const files = plugins.plg_content_otklik as Files;
    expect(new TextDecoder().decode(files['src/Shortcode/Registry.php'])).toBe(
      generatedFiles().get(joomlaRegistryFile),
    );
  });
});

describe.skipIf(!phpAvailable())('Joomla plugins with php', () => {
  let dir: string;

  beforeAll(() => {
    // The PHP that ships: extracted from the built package.
    dir = mkdtempSync(join(tmpdir(), 'otklik-joomla-'));
    for (const [plugin, files] of Object.entries(plugins))
      for (const [name, data] of Object.entries(files)) {
        const path = join(dir, plugin, name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, data);
      }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(
    cases: Array<{ fn: 'convert' | 'mount' | 'loaderUrl' | 'widgets'; input: string }>,
  ): unknown[] {
    const output = execFileSync('php', [resolve(import.meta.dirname, 'joomla-run.php'), dir], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    return JSON.parse(output) as unknown[];
  }
  const convert = (...inputs: string[]) => run(inputs.map((input) => ({ fn: 'convert', input })));

  it('every PHP file passes php -l', () => {
    const phpFiles = Object.entries(plugins).flatMap(([plugin, files]) =>
      Object.keys(files)
        .filter((name) => name.endsWith('.php'))
        .map((name) => join(dir, plugin, name)),
    );
    expect(phpFiles.length).toBe(7);
    for (const file of [...phpFiles, resolve(import.meta.dirname, 'joomla-run.php')]) {
      const result = spawnSync('php', ['-l', file], { encoding: 'utf8' });
      expect(result.status, `${file}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  it('every PHP file of the plugins refuses to run outside Joomla', () => {
    for (const [plugin, files] of Object.entries(plugins))
      for (const name of Object.keys(files).filter((file) => file.endsWith('.php')))
        expect(new TextDecoder().decode(files[name]), `${plugin}/${name}`).toContain(
          "\\defined('_JEXEC') or die;",
        );
  });

  it('turns shortcodes into mount points', () => {
    expect(
      convert(
        '{otklik appeal org=demo-school}',
        '<p>Счётчик:</p><p>{otklik appeal-counter org=demo-school variant=full}</p><p>после</p>',
        '<p style="text-align: center;">&nbsp;{otklik&nbsp;appeal-status org=&quot;demo-by&quot;}&nbsp;</p>',
        "Текст {otklik appeal org='123'} текст",
        '{OTKLIK Appeal-Counter org=demo-school}',
        'Без шорткодов {otklik} {otklikappeal org=x} { otklik appeal org=x }',
        '{otklik appeal org=a}{otklik appeal-counter org=b variant=compact}',
      ),
    ).toEqual([
      '<div data-otklik="appeal" data-org="demo-school"></div>',
      '<p>Счётчик:</p><div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div><p>после</p>',
      '<div data-otklik="appeal-status" data-org="demo-by"></div>',
      'Текст <div data-otklik="appeal" data-org="123"></div> текст',
      '<div data-otklik="appeal-counter" data-org="demo-school"></div>',
      'Без шорткодов {otklik} {otklikappeal org=x} { otklik appeal org=x }',
      '<div data-otklik="appeal" data-org="a"></div><div data-otklik="appeal-counter" data-org="b" data-variant="compact"></div>',
    ]);
  });

  it('turns hostile or broken shortcodes into nothing dangerous', () => {
    const invalid = '<!-- otklik: invalid shortcode -->';
    const hostile = [
      '{otklik appeal org="><script>alert(1)</script>}',
      '{otklik appeal org=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;}',
      '{otklik appeal org=demo-school onclick=alert(1)}',
      '{otklik appeal org=demo" onmouseover="alert(1)}',
      "{otklik appeal org=demo' onmouseover='alert(1)}",
      '{otklik appeal org=demo-school otklik=rate}',
      '{otklik appeal org=a org=b}',
      '{otklik appeal org=DEMO}',
      '{otklik appeal org=}',
      '{otklik appeal}',
      '{otklik evil org=demo-school}',
      '{otklik script org=demo-school}',
      '{otklik appeal org=demo-school variant=a\\b}',
      '{otklik appeal org=demo-school data-x=--&gt;}',
      `{otklik appeal org=${'a'.repeat(65)}}`,
      '{otklik appeal org=demo-school foo_bar=1}',
      '{otklik appeal org=javascript:alert(1)}',
      '{otklik appeal org=%22%3E}',
    ];
    const results = convert(...hostile) as string[];
    results.forEach((result, index) => {
      const input = hostile[index] as string;
      // Either the fixed comment, or (a shortcode spanning markup) the text untouched: nothing added.
      if (/[<>]/.test(input)) expect(result, input).toBe(input);
      else expect(result, input).toBe(invalid);
    });
    expect(
      run([
        { fn: 'mount', input: 'appeal org="><script>' },
        { fn: 'mount', input: 'appeal org=demo-school" onload="x' },
        { fn: 'mount', input: 'appeal-counter org=demo-school variant=full' },
        { fn: 'mount', input: 'appeal org=demo-school extra' },
      ]),
    ).toEqual([
      null,
      null,
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
      null,
    ]);
  });

  it('only ever emits the plain mount markup', () => {
    const inputs = [
      '{otklik appeal-counter org=demo-school variant=full lang=be}',
      '{otklik appeal org=1 a=b c-d=e-f}',
      '{otklik appeal-status org=x}',
    ];
    for (const output of convert(...inputs) as string[])
      expect(output).toMatch(/^<div data-otklik="[a-z-]+"( data-[a-z][a-z0-9-]*="[a-z0-9-]+")+><\/div>$/);
  });

  it('knows the registry’s widgets, whether each needs an organisation, and their options', () => {
    const [known] = run([{ fn: 'widgets', input: '' }]) as [
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
  });

  it('checks each option against its widget’s whitelist', () => {
    const invalid = '<!-- otklik: invalid shortcode -->';
    expect(
      convert(
        // The organisation search needs no organisation; keywords are written in lowercase.
        '{otklik org-search}',
        '{otklik org-search country=BY sphere=education parent=demo-edu-dept limit=20 target=Rate-Form}',
        '{otklik qr org=demo-school poster=A4 url=https://bus.gov.ru/qrcode/rate/123}',
        '{otklik appeal-counter org=demo-school lang=be-BY contrast=high}',
        // Options of another widget are left out.
        '{otklik appeal org=demo-school variant=full poster=a4 country=ru}',
        // The organisation id is the client's: no hyphen at either end.
        '{otklik appeal org=demo-}',
        '{otklik appeal org=-demo}',
        // A value its option does not take refuses the whole shortcode.
        '{otklik appeal-counter org=demo-school variant=wide}',
        '{otklik rating org=demo-school lang=de}',
        '{otklik org-search limit=51}',
        '{otklik org-search sphere=1st}',
        '{otklik qr org=demo-school url=javascript:alert(1)}',
        '{otklik org-search org=demo-}',
      ),
    ).toEqual([
      '<div data-otklik="org-search"></div>',
      '<div data-otklik="org-search" data-country="by" data-sphere="education" data-parent="demo-edu-dept" data-limit="20" data-target="Rate-Form"></div>',
      '<div data-otklik="qr" data-org="demo-school" data-poster="a4" data-url="https://bus.gov.ru/qrcode/rate/123"></div>',
      '<div data-otklik="appeal-counter" data-org="demo-school" data-lang="be-by" data-contrast="high"></div>',
      '<div data-otklik="appeal" data-org="demo-school"></div>',
      ...Array(8).fill(invalid),
    ]);
    // (A tile URL's braces cannot be written in a Joomla shortcode, whose own delimiters they are.)
    expect(
      run([
        { fn: 'mount', input: 'org-search tiles=https://tile.openstreetmap.org/{z}/{x}/{y}.png' },
        { fn: 'mount', input: 'org-search tiles=http://tiles.example/{z}/{x}/{y}.png' },
      ]),
    ).toEqual([
      '<div data-otklik="org-search" data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"></div>',
      null,
    ]);
  });

  it('leaves text without shortcodes alone', () => {
    const plain = '<p>Обычная статья с {фигурными} скобками и {otklik-ом} в тексте.</p>';
    expect(convert(plain)).toEqual([plain]);
  });

  it('derives the loader URL only from a plain http(s) portal address', () => {
    const cases: Array<[string, string | null]> = [
      ['https://otklik.example.ru', 'https://otklik.example.ru/otklik.js'],
      ['https://otklik.example.ru/', 'https://otklik.example.ru/otklik.js'],
      ['  HTTPS://Otklik.Example.RU:8443/portal/  ', 'https://otklik.example.ru:8443/portal/otklik.js'],
      ['http://localhost:8787', 'http://localhost:8787/otklik.js'],
      ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/otklik.js'],
      ['', null],
      ['otklik.example.ru', null],
      ['//otklik.example.ru', null],
      ['javascript:alert(1)', null],
      ['data:text/javascript,alert(1)', null],
      ['ftp://otklik.example.ru', null],
      ['https://user:pass@otklik.example.ru', null],
      ['https://otklik.example.ru/?x=1', null],
      ['https://otklik.example.ru/#x', null],
      ['https://otklik.example.ru/"><script>alert(1)</script>', null],
      ['https://otklik.example.ru/a b', null],
      ['https://otklik.example.ru/../x', null],
      ['https://otklik.example.ru/./x', null],
      ['https://exa_mple.ru', null],
    ];
    expect(run(cases.map(([input]) => ({ fn: 'loaderUrl', input })))).toEqual(cases.map(([, url]) => url));
  });
});
