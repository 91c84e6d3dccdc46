/** Content codings the portal has precompressed files for, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The best coding in {@link ENCODINGS} that an `Accept-Encoding` header accepts (RFC 9110 §12.5.3:
 * a coding is acceptable unless its q-value is 0; `*` stands for codings not named), or `null` for
 * the identity coding.
 */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const quality = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) quality.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const wildcard = quality.get('*');
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of ENCODINGS) {
    const q = quality.get(encoding) ?? wildcard ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}
