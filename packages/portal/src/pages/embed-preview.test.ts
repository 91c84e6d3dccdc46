import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { EMBED_PREVIEW_CSP, mountDiv, registerEmbedPreview } from './embed-preview.ts';

function app() {
  const hono = new Hono();
  registerEmbedPreview({ get: (path, handler) => hono.get(path, handler) });
  return hono;
}

describe('the embed preview page', () => {
  it('renders the loader and one mount point built from the query, escaped, framable by the portal only', async () => {
    const res = await app().request(
      '/embed-preview?widget=org-search&country=by&tiles-attribution=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=be',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(EMBED_PREVIEW_CSP);
    expect(EMBED_PREVIEW_CSP).toContain("frame-ancestors 'self'");
    expect(EMBED_PREVIEW_CSP).toContain("require-trusted-types-for 'script'");
    const html = await res.text();
    expect(html).toContain('<html lang="be">');
    expect(html).toContain('<script src="/otklik.js" defer></script>');
    expect(html).toContain(
      '<div data-otklik="org-search" data-country="by" data-tiles-attribution="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-lang="be"></div>',
    );
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('leaves out a widget or an option name that is not a plain name', async () => {
    const html = await (await app().request('/embed-preview?widget=%3Cb%3E&org=x')).text();
    expect(html).not.toContain('data-otklik');
    expect(mountDiv('rate', [['org', 'demo-by']])).toBe('<div data-otklik="rate" data-org="demo-by"></div>');
    const odd = await (await app().request('/embed-preview?widget=rate&on%3Cx=1&org=demo-by')).text();
    expect(odd).toContain('<div data-otklik="rate" data-org="demo-by"></div>');
  });
});
