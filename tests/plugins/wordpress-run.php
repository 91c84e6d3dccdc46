<?php

/**
 * Runs the WordPress plugin under plain php-cli with small stand-ins for the WordPress functions it
 * calls, for tests/plugins/wordpress.test.ts.
 * Usage: php wordpress-run.php PLUGIN_DIR < cases.json, where each case is {"fn": "...", ...}; prints a
 * JSON array with one result per case.
 *
 * The stand-ins record what the plugin asks of WordPress (hooks, scripts, settings) and behave like
 * WordPress where the output depends on them (shortcode_atts, esc_attr, esc_url_raw).
 */

define('ABSPATH', '/tmp/wordpress/');

$dir = rtrim($argv[1] ?? '', '/');

/** Everything the plugin registered or asked for, by kind. */
$GLOBALS['otklik_calls'] = [];
/** Options as get_option() returns them. */
$GLOBALS['otklik_options'] = [];
/** Filters a case installs (hook name → callable). */
$GLOBALS['otklik_filters'] = [];
$GLOBALS['otklik_is_admin'] = true;
$GLOBALS['otklik_can'] = true;

function otklik_record(string $kind, array $args): void
{
    $GLOBALS['otklik_calls'][] = array_merge([$kind], $args);
}

// Hooks.
function add_action($hook, $callback, $priority = 10, $args = 1) { otklik_record('add_action', [$hook, $callback]); return true; }
function add_filter($hook, $callback, $priority = 10, $args = 1) { otklik_record('add_filter', [$hook, $callback, $priority]); return true; }
function apply_filters($hook, $value, ...$args)
{
    $filter = $GLOBALS['otklik_filters'][$hook] ?? null;
    return $filter ? $filter($value, ...$args) : $value;
}
function is_admin() { return $GLOBALS['otklik_is_admin']; }
function plugin_basename($file) { return 'otklik/' . basename($file); }
function load_plugin_textdomain($domain, $deprecated = false, $path = false) { otklik_record('load_plugin_textdomain', [$domain, $path]); return true; }
function add_shortcode($tag, $callback) { otklik_record('add_shortcode', [$tag, $callback]); }
function register_block_type($path, $args = []) { otklik_record('register_block_type', [$path, $args]); return true; }
function wp_set_script_translations($handle, $domain, $path = '') { otklik_record('wp_set_script_translations', [$handle, $domain, $path]); return true; }
function wp_enqueue_script($handle, $src = '', $deps = [], $ver = false, $args = []) { otklik_record('wp_enqueue_script', [$handle, $src, $deps, $ver, $args]); }
function wp_add_inline_script($handle, $data, $position = 'after') { otklik_record('wp_add_inline_script', [$handle, $data, $position]); return true; }
function wp_json_encode($data, $flags = 0, $depth = 512) { return json_encode($data, $flags, $depth); }

// Shortcodes: WordPress's own shortcode_atts().
function shortcode_atts($pairs, $atts, $shortcode = '')
{
    $atts = (array) $atts;
    $out = [];
    foreach ($pairs as $name => $default) {
        $out[$name] = array_key_exists($name, $atts) ? $atts[$name] : $default;
    }
    if ($shortcode) {
        $out = apply_filters("shortcode_atts_{$shortcode}", $out, $pairs, $atts, $shortcode);
    }
    return $out;
}

// Escaping, as WordPress does it (esc_attr does not double-encode entities).
function esc_attr($text) { return htmlspecialchars((string) $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8', false); }
function esc_html($text) { return esc_attr($text); }
function esc_url($url) { return esc_attr(esc_url_raw($url)); }
function esc_url_raw($url, $protocols = null)
{
    $url = preg_replace('|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\x80-\xff]|i', '', trim((string) $url));
    if ($url === '') {
        return '';
    }
    $protocols = $protocols ?? ['http', 'https'];
    if (preg_match('/^([a-z][a-z0-9+.-]*):/i', $url, $m) === 1 && !in_array(strtolower($m[1]), $protocols, true)) {
        return '';
    }
    return $url;
}

// Translations: the English text.
function __($text, $domain = 'default') { return $text; }
function esc_html__($text, $domain = 'default') { return esc_html($text); }

// Options and settings.
function get_option($name, $default = false) { return array_key_exists($name, $GLOBALS['otklik_options']) ? $GLOBALS['otklik_options'][$name] : $default; }
function delete_option($name) { otklik_record('delete_option', [$name]); unset($GLOBALS['otklik_options'][$name]); return true; }
function is_multisite() { return false; }
function current_user_can($capability) { otklik_record('current_user_can', [$capability]); return $GLOBALS['otklik_can']; }
function add_options_page($title, $menu, $capability, $slug, $callback) { otklik_record('add_options_page', [$title, $menu, $capability, $slug, $callback]); return 'settings_page_otklik'; }
function register_setting($group, $name, $args = []) { otklik_record('register_setting', [$group, $name, $args]); }
function add_settings_section($id, $title, $callback, $page) { otklik_record('add_settings_section', [$id, $title, $callback, $page]); }
function add_settings_field($id, $title, $callback, $page, $section = 'default', $args = []) { otklik_record('add_settings_field', [$id, $title, $callback, $page, $section, $args]); }
function add_settings_error($setting, $code, $message, $type = 'error') { otklik_record('add_settings_error', [$setting, $code, $message]); }
function get_admin_page_title() { return 'Otklik settings'; }
function admin_url($path = '') { return 'https://site.example/wp-admin/' . $path; }
function settings_fields($group)
{
    echo '<input type="hidden" name="option_page" value="' . esc_attr($group) . '">';
    echo '<input type="hidden" name="action" value="update">';
    echo '<input type="hidden" id="_wpnonce" name="_wpnonce" value="nonce-' . esc_attr($group) . '-options">';
}
function do_settings_sections($page)
{
    foreach ($GLOBALS['otklik_calls'] as $call) {
        if ($call[0] === 'add_settings_section' && $call[4] === $page) {
            call_user_func($call[3]);
        }
        if ($call[0] === 'add_settings_field' && $call[4] === $page) {
            call_user_func($call[3], $call[6]);
        }
    }
}
function submit_button() { echo '<p class="submit"><input type="submit" name="submit" id="submit" class="button button-primary" value="Save Changes"></p>'; }

/** The recorded calls of one kind. */
function otklik_calls(string $kind): array
{
    return array_values(array_map(
        static fn ($call) => array_slice($call, 1),
        array_filter($GLOBALS['otklik_calls'], static fn ($call) => $call[0] === $kind)
    ));
}

/** Runs `$fn` and returns what it echoed. */
function otklik_output(callable $fn): string
{
    ob_start();
    $fn();
    return (string) ob_get_clean();
}

$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

// Loading the plugin file registers its hooks (as an administrator's request would).
require $dir . '/otklik.php';
$loaded = $GLOBALS['otklik_calls'];

$results = [];
foreach ($cases as $case) {
    $GLOBALS['otklik_calls'] = $loaded;
    $GLOBALS['otklik_options'] = $case['options'] ?? [];
    $GLOBALS['otklik_filters'] = [];
    $GLOBALS['otklik_can'] = $case['can'] ?? true;
    if (isset($case['hostileFilter'])) {
        // A theme's filter that puts markup into the shortcode's attributes after shortcode_atts().
        $GLOBALS['otklik_filters']['shortcode_atts_otklik'] = static fn ($out) => array_merge($out, $case['hostileFilter']);
    }
    $results[] = match ($case['fn']) {
        'hooks'     => ['actions' => otklik_calls('add_action'), 'filters' => otklik_calls('add_filter')],
        'init'      => (static function () {
            otklik_init();
            return [
                'shortcodes'   => otklik_calls('add_shortcode'),
                'blocks'       => otklik_calls('register_block_type'),
                'textdomain'   => otklik_calls('load_plugin_textdomain'),
                'translations' => otklik_calls('wp_set_script_translations'),
            ];
        })(),
        'shortcode' => otklik_shortcode($case['input']),
        'block'     => otklik_render_block($case['input']),
        'unwrap'    => otklik_unwrap_mounts($case['input']),
        'widgets'   => otklik_widgets(),
        'editor'    => (static function () {
            otklik_editor_assets();
            return otklik_calls('wp_add_inline_script');
        })(),
        'loaderUrl' => otklik_loader_url($case['input']),
        'enqueue'   => (static function () {
            otklik_enqueue_loader();
            otklik_enqueue_loader();
            return otklik_calls('wp_enqueue_script');
        })(),
        'sanitize'  => ['value' => otklik_sanitize_portal_url($case['input']), 'errors' => otklik_calls('add_settings_error')],
        'admin'     => (static function () {
            otklik_admin_menu();
            otklik_register_settings();
            return ['pages' => otklik_calls('add_options_page'), 'settings' => otklik_calls('register_setting')];
        })(),
        'page'      => (static function () {
            otklik_register_settings();
            return otklik_output('otklik_settings_page');
        })(),
        'uninstall' => (static function () use ($dir, $case) {
            // Without the constant the file exits: run it in a child process.
            $code = 'define("ABSPATH", "/tmp/"); '
                . ($case['constant'] ?? false ? 'define("WP_UNINSTALL_PLUGIN", "otklik/otklik.php"); ' : '')
                . '$deleted = []; function delete_option($n) { global $deleted; $deleted[] = $n; return true; } '
                . 'function is_multisite() { return false; } '
                . 'register_shutdown_function(function () { global $deleted; echo json_encode($deleted); }); '
                . 'require ' . var_export($dir . '/uninstall.php', true) . ';';
            return json_decode((string) shell_exec(PHP_BINARY . ' -r ' . escapeshellarg($code)), true);
        })(),
    };
}

echo json_encode($results, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
