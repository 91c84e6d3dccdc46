import { createHash } from 'node:crypto';

type JsonObject = Record<string, unknown>;

const escapeHtml = (text: unknown) =>
  String(text).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1b1f24}
h1{margin-top:0}h2{border-top:1px solid #d0d7de;padding-top:16px;margin-top:32px}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}
.method{display:inline-block;min-width:56px;font-weight:700}table{border-collapse:collapse;width:100%}
th,td{text-align:left;border-bottom:1px solid #eaeef2;padding:4px 8px;vertical-align:top}
details{margin:4px 0}summary{cursor:pointer}nav li{margin:2px 0}
`;

/** Hash of the one inline stylesheet, so the CSP can allow exactly it and nothing else inline. */
const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;
export const DOCS_CSP = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const schemaBlock = (label: string, schema: unknown) =>
  `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;

/** A readable, script-free API reference rendered from the OpenAPI document. */
export function renderDocsHtml(doc: JsonObject): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const paths = doc.paths as Record<string, Record<string, JsonObject>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const anchor = (o: { op: JsonObject }) => escapeHtml(o.op.operationId);
  const sections = ops.map(({ path, method, op }) => {
    const params = (op.parameters as JsonObject[] | undefined) ?? [];
    const paramRows = params
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
          `<td><code>${escapeHtml(JSON.stringify(p.schema))}</code>${p.description ? `<br>${escapeHtml(p.description)}` : ''}</td></tr>`,
      )
      .join('');
    const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
    const responses = Object.entries(op.responses as Record<string, JsonObject>)
      .map(([status, r]) => {
        const content = r.content as Record<string, { schema: unknown }> | undefined;
        const [type, media] = Object.entries(content ?? {})[0] ?? [];
        return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description)}${
          media ? schemaBlock(`${type} schema`, media.schema) : ''
        }</li>`;
      })
      .join('');
    return `<section id="${anchor({ op })}"><h2><span class="method">${method}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${params.length ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
${body ? schemaBlock('Request body (application/json)', body.content['application/json']?.schema) : ''}
<h3>Responses</h3><ul>${responses}</ul></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(info.title)} <small>v${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description ?? '')}</p><p>Machine-readable: <a href="openapi.json">openapi.json</a></p>
<nav><ul>${ops.map((o) => `<li><a href="#${anchor(o)}"><code>${o.method} ${escapeHtml(o.path)}</code></a></li>`).join('')}</ul></nav>
${sections.join('\n')}
<h2>Problem details</h2>${schemaBlock('Problem schema', (doc.components as { schemas: JsonObject }).schemas.Problem)}
</body></html>`;
}
