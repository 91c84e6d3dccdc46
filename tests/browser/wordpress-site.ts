import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

/**
 * A real WordPress on this machine: a release from the npm package `@wp-playground/wordpress-builds`
 * (its PHP in `src/wordpress/wp-X.zip`, its static files in `public/wp-X/`), the SQLite database
 * integration as `wp-content/db.php`, run by Debian's `php -S` with several workers (the block editor
 * calls back into its own server while a request is running). WordPress is not installed yet: the
 * installer runs when a browser opens `/wp-admin/install.php`.
 */
const builds = dirname(
  createRequire(import.meta.url).resolve('@wp-playground/wordpress-builds/package.json'),
);

export interface WordPressBuild {
  /** `6.3` */
  readonly branch: string;
  /** `6.3.5` */
  readonly release: string;
}

/** The numbered releases the package ships (not `beta` or `nightly`), oldest first. */
export function wordpressBuilds(): WordPressBuild[] {
  const versions = JSON.parse(readFileSync(join(builds, 'src/wordpress/wp-versions.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.entries(versions)
    .filter(([branch]) => /^\d+\.\d+$/.test(branch))
    .map(([branch, release]) => ({ branch, release }))
    .sort((a, b) => compareVersions(a.branch, b.branch));
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < Math.max(x?.length ?? 0, y?.length ?? 0); i++) {
    const difference = (x?.[i] ?? 0) - (y?.[i] ?? 0);
    if (difference) return difference;
  }
  return 0;
}

/** The PHP extensions WordPress and its SQLite integration need here. */
const phpModules = ['pdo_sqlite', 'sqlite3', 'xml', 'dom', 'mbstring', 'intl', 'zlib'];

/**
 * Whether php and the modules WordPress needs are here. Without them the real-WordPress tests are
 * skipped with a reason, except under CI, where that is a failure.
 */
export function phpForWordPressAvailable(): boolean {
  const version = spawnSync('php', ['-m'], { encoding: 'utf8' });
  const loaded = new Set((version.stdout ?? '').split('\n').map((line) => line.trim().toLowerCase()));
  const missing = version.status === 0 ? phpModules.filter((module) => !loaded.has(module)) : ['php'];
  if (missing.length === 0) return true;
  const reason =
    `${missing.join(', ')} missing: the tests on a real WordPress are skipped. Install them: ` +
    'apt-get install php-cli php-sqlite3 php-xml php-mbstring php-intl';
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(reason);
  return false;
}

export interface WordPressSite {
  readonly build: WordPressBuild;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The document root (ABSPATH). */
  readonly root: string;
  /** What PHP wrote to WordPress's debug log (WP_DEBUG_LOG) so far. */
  debugLog(): string;
  /** The last of what `php -S` wrote (a line per request, with its status, and PHP's startup errors). */
  serverLog(): string;
  /** Runs a read-only SQL query on the site's SQLite database with php's PDO; rows as objects. */
  query(sql: string): Record<string, unknown>[];
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Unzips `zip` into `target`, dropping `strip` from the front of every path. */
function extract(zip: string, target: string, strip = ''): void {
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (!name.startsWith(strip) || name.endsWith('/')) continue;
    const path = join(target, name.slice(strip.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
}

function wpConfig(debugLog: string): string {
  const salt = () => randomBytes(32).toString('hex');
  const keys = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
    .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
    .map((name) => `define( '${name}', '${salt()}' );`)
    .join('\n');
  return `<?php
// The SQLite drop-in (wp-content/db.php) ignores the MySQL settings.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', '' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '' );
define( 'DB_CHARSET', 'utf8' );
define( 'DB_COLLATE', '' );
${keys}
$table_prefix = 'wp_';

// Every notice, warning and deprecation goes to the log the test reads.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', ${JSON.stringify(debugLog)} );
define( 'WP_DEBUG_DISPLAY', false );
// No network here: no update checks, translation look-ups or plugin directory calls to wait for.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/**
 * Lays out WordPress `build` in a new temporary folder and starts `php -S` on it. Extra files can be
 * put in place (paths relative to the document root) before the server starts.
 */
export async function startWordPress(
  build: WordPressBuild,
  options: { files?: Record<string, Uint8Array | string> } = {},
): Promise<WordPressSite> {
  const base = mkdtempSync(join(tmpdir(), `otklik-wp-${build.branch}-`));
  const root = join(base, 'www');
  const debugLog = join(base, 'debug.log');
  extract(join(builds, `src/wordpress/wp-${build.branch}.zip`), root);
  cpSync(join(builds, `public/wp-${build.branch}`), root, { recursive: true });
  // The package's pre-installed database is removed so that WordPress's own installer runs.
  rmSync(join(root, 'wp-content/database/.ht.sqlite'), { force: true });
  const sqlite = 'wp-content/plugins/sqlite-database-integration';
  rmSync(join(root, sqlite), { recursive: true, force: true });
  extract(
    join(builds, 'src/sqlite-database-integration/sqlite-database-integration.zip'),
    join(root, sqlite),
    'sqlite-database-integration-main/',
  );
  writeFileSync(
    join(root, 'wp-content/db.php'),
    readFileSync(join(root, sqlite, 'db.copy'), 'utf8')
      .replace('{SQLITE_IMPLEMENTATION_FOLDER_PATH}', join(root, sqlite))
      .replace(/\{SQLITE_PLUGIN\}/g, 'sqlite-database-integration/load.php'),
  );
  writeFileSync(join(root, 'wp-config.php'), wpConfig(debugLog));
  // The block editor asks for WordPress.org's pattern directory in parallel REST requests, each of
  // which then stores a transient of the failed fetch; two such writes from two workers collide on
  // SQLite ("database is locked", a deferred transaction cannot upgrade its lock). Without network
  // there is nothing to fetch, so the editor is told not to.
  mkdirSync(join(root, 'wp-content/mu-plugins'), { recursive: true });
  writeFileSync(
    join(root, 'wp-content/mu-plugins/offline.php'),
    "<?php\nadd_filter( 'should_load_remote_block_patterns', '__return_false' );\n",
  );
  for (const [path, data] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    'php',
    ['-d', 'memory_limit=512M', '-d', 'opcache.enable_cli=1', '-S', `127.0.0.1:${port}`, '-t', root],
    {
      cwd: root,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group: the workers php forks are stopped with it.
      detached: true,
    },
  );
  let serverOutput = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    serverOutput = (serverOutput + chunk.toString()).slice(-100_000);
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  await waitForServer(`${origin}/wp-includes/images/blank.gif`, () => serverOutput);

  return {
    build,
    origin,
    root,
    debugLog: () => (existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : ''),
    serverLog: () => serverOutput,
    query(sql) {
      const database = join(root, 'wp-content/database/.ht.sqlite');
      const result = spawnSync(
        'php',
        [
          '-r',
          '$db = new PDO("sqlite:" . $argv[1], null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);' +
            'echo json_encode($db->query($argv[2])->fetchAll(PDO::FETCH_ASSOC));',
          '--',
          database,
          sql,
        ],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`query failed: ${result.stderr}${result.stdout}`);
      return JSON.parse(result.stdout) as Record<string, unknown>[];
    },
    async close() {
      if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
      await exited;
      rmSync(base, { recursive: true, force: true });
    },
  };
}

async function waitForServer(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`php -S did not answer at ${url}:\n${output()}`);
}
