/** A path with `{name}` placeholders (OpenAPI, the contract) written the Hono way, `:name`. */
export type HonoPath<TPath extends string> = TPath extends `${infer Head}{${infer Name}}${infer Rest}`
  ? `${Head}:${Name}${HonoPath<Rest>}`
  : TPath;

/** `{name}` (OpenAPI, the contract) → `:name` (Hono), keeping the literal type for Hono's param types. */
export const toHonoPath = <TPath extends string>(path: TPath) =>
  path.replace(/\{(\w+)\}/g, ':$1') as HonoPath<TPath>;

/**
 * The paths the app serves and their methods, so an unmatched request can be told apart:
 * unknown path → 404 `not-found`, known path with another method → 405 with `Allow`.
 */
export class RouteRegistry {
  readonly #routes: { pattern: RegExp; methods: Set<string> }[] = [];

  /** `path` in Hono syntax: `:param` segments and a trailing `*`. */
  add(path: string, methods: readonly string[]): void {
    const source = path
      .split('/')
      .map((part) =>
        part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    const existing = this.#routes.find((r) => r.pattern.source === `^${source}$`);
    if (existing) for (const m of methods) existing.methods.add(m);
    else this.#routes.push({ pattern: new RegExp(`^${source}$`), methods: new Set(methods) });
  }

  /** Methods allowed on `path`, or an empty list when the path is unknown. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.#routes)
      if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  }
}
