import { describe, expect, it } from 'vitest';
import { inlineCode } from './build-console.ts';

describe('inlineCode', () => {
  it('passes a page whose scripts and styles are files', () => {
    const html = `<!doctype html><html lang="ru"><head>
<script type="module" crossorigin src="/console/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/console/assets/chunk-def.js">
<link rel="stylesheet" crossorigin href="/console/assets/index-ghi.css">
</head><body><div id="app" data-style="x"></div></body></html>`;
    expect(inlineCode(html)).toEqual([]);
  });

  it('finds inline scripts, style elements, style and handler attributes', () => {
    const html = `<script>window.x = 1</script><script type="module">import '/a.js'</script>
<style>body{}</style><div style="color:red"></div><img src="x.png" onerror="alert(1)">`;
    expect(inlineCode(html)).toEqual([
      'inline script: <script>',
      'inline script: <script type="module">',
      'style element: <style>',
      'inline attribute: <div style="color:red">',
      'inline attribute: <img src="x.png" onerror="alert(1)">',
    ]);
  });
});
