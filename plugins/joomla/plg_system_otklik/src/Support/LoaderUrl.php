<?php

/**
 * @package     Otklik
 * @subpackage  plg_system_otklik
 * @license     MIT; see LICENSE
 */

namespace Otklik\Plugin\System\Otklik\Support;

// phpcs:disable PSR1.Files.SideEffects
\defined('_JEXEC') or die;
// phpcs:enable PSR1.Files.SideEffects

/**
 * The loader's address from the portal URL a site administrator typed in the plugin settings.
 * Pure PHP without Joomla dependencies, so that it can be tested with plain `php`.
 */
final class LoaderUrl
{
    /**
     * `https://portal.example/` → `https://portal.example/otklik.js`; a portal under a path keeps it
     * (`https://example.org/otklik` → `https://example.org/otklik/otklik.js`). Anything but an absolute
     * http(s) URL without credentials, query or fragment gives null, and the plugin then adds nothing.
     */
    public static function fromPortal(string $portal): ?string
    {
        $portal = trim($portal);

        if ($portal === '' || \strlen($portal) > 2048 || preg_match('/[\s"\'<>\\\\`]/', $portal) === 1) {
            return null;
        }

        $parts = parse_url($portal);

        if (
            $parts === false
            || !isset($parts['scheme'], $parts['host'])
            || !\in_array(strtolower($parts['scheme']), ['https', 'http'], true)
            || isset($parts['user'])
            || isset($parts['pass'])
            || isset($parts['query'])
            || isset($parts['fragment'])
            || preg_match('/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i', $parts['host']) !== 1
        ) {
            return null;
        }

        $url = strtolower($parts['scheme']) . '://' . strtolower($parts['host']);

        if (isset($parts['port'])) {
            $url .= ':' . (int) $parts['port'];
        }

        $path = rtrim($parts['path'] ?? '', '/');

        if (
            $path !== ''
            && (preg_match('#^(?:/[A-Za-z0-9._~-]+)+$#', $path) !== 1 || preg_match('#/\.\.?(?:/|$)#', $path) === 1)
        ) {
            return null;
        }

        return $url . $path . '/otklik.js';
    }
}
