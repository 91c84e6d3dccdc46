<?php

/**
 * Runs the Joomla plugins' pure PHP parts without Joomla, for tests/plugins/joomla.test.ts.
 * Usage: php joomla-run.php PLUGINS_DIR < cases.json, where each case is
 * {"fn": "convert" | "mount" | "loaderUrl" | "widgets", "input": "..."}; prints a JSON array of results.
 */

define('_JEXEC', 1);

$dir = rtrim($argv[1] ?? '', '/');
require $dir . '/plg_content_otklik/src/Shortcode/Registry.php';
require $dir . '/plg_content_otklik/src/Shortcode/ShortcodeConverter.php';
require $dir . '/plg_system_otklik/src/Support/LoaderUrl.php';

use Otklik\Plugin\Content\Otklik\Shortcode\Registry;
use Otklik\Plugin\Content\Otklik\Shortcode\ShortcodeConverter;
use Otklik\Plugin\System\Otklik\Support\LoaderUrl;

$cases   = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$results = [];

foreach ($cases as $case) {
    $results[] = match ($case['fn']) {
        'convert'   => ShortcodeConverter::convert($case['input']),
        'mount'     => ShortcodeConverter::mount($case['input']),
        'loaderUrl' => LoaderUrl::fromPortal($case['input']),
        'widgets'   => Registry::WIDGETS,
    };
}

echo json_encode($results, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
