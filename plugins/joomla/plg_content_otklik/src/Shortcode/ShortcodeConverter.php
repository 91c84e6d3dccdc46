<?php

/**
 * @package     Otklik
 * @subpackage  plg_content_otklik
 * @license     MIT; see LICENSE
 */

namespace Otklik\Plugin\Content\Otklik\Shortcode;

// phpcs:disable PSR1.Files.SideEffects
\defined('_JEXEC') or die;
// phpcs:enable PSR1.Files.SideEffects

/**
 * Turns `{otklik WIDGET key=value …}` shortcodes into Otklik mount points:
 * `{otklik appeal-counter org=demo-school variant=full}` →
 * `<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>`.
 *
 * Pure PHP without Joomla dependencies, so that it can be tested with plain `php`.
 * Only known widget names, option names `[a-z][a-z0-9-]*` and values `[a-z0-9-]` are accepted; a
 * shortcode that breaks these rules becomes a fixed HTML comment that echoes none of its input.
 */
final class ShortcodeConverter
{
    /** The `data-otklik` values the loader knows (keep in step with scripts/build-widgets.ts). */
    public const WIDGETS = ['appeal', 'appeal-counter', 'appeal-status', 'rate', 'rating', 'qr', 'org-search'];

    /** Output for a shortcode that is not accepted: inert, and free of anything the author typed. */
    public const INVALID = '<!-- otklik: invalid shortcode -->';

    private const VALUE = '/^[a-z0-9][a-z0-9-]{0,63}$/';

    private const OPTION = '/^[a-z][a-z0-9-]{0,31}$/';

    /**
     * A shortcode alone in a paragraph (as editors save it) is replaced with the paragraph, so that the
     * `<div>` does not end up inside a `<p>`; any other occurrence is replaced where it stands.
     */
    private const PATTERN = '#(?:<p\b[^>]*>\s*(?:&nbsp;|\x{00A0}|\s)*)?\{otklik(?:\s|&nbsp;|\x{00A0})([^{}<>]*)\}(?:(?:&nbsp;|\x{00A0}|\s)*</p>)?#iu';

    /** Replaces every shortcode in `$html`; text without `{otklik` is returned unchanged. */
    public static function convert(string $html): string
    {
        if (stripos($html, '{otklik') === false) {
            return $html;
        }

        $result = preg_replace_callback(
            self::PATTERN,
            static function (array $match): string {
                $opened = preg_match('#^<p\b#i', $match[0]) === 1;
                $closed = preg_match('#</p>$#i', $match[0]) === 1;
                $mount  = self::mount($match[1]) ?? self::INVALID;

                // Keep the paragraph balanced when only one side of it was matched.
                return ($opened && !$closed ? '<p>' : '') . $mount . ($closed && !$opened ? '</p>' : '');
            },
            $html
        );

        // preg_* returns null on invalid UTF-8: leave such text alone rather than lose it.
        return $result ?? $html;
    }

    /**
     * The mount `<div>` for the inside of one shortcode (`appeal org=demo-school`), or null when the
     * widget is unknown, `org` is missing, or any option or value is not allowed.
     */
    public static function mount(string $inside): ?string
    {
        $text   = html_entity_decode(str_replace("\u{00A0}", ' ', $inside), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        $tokens = preg_split('/\s+/u', trim($text), -1, PREG_SPLIT_NO_EMPTY);

        if ($tokens === false || $tokens === []) {
            return null;
        }

        $widget = strtolower(array_shift($tokens));

        if (!\in_array($widget, self::WIDGETS, true)) {
            return null;
        }

        $options = [];

        foreach ($tokens as $token) {
            if (preg_match('/^([a-z][a-z0-9-]*)=(["\']?)([^"\']*)\2$/', $token, $parts) !== 1) {
                return null;
            }

            [, $name, , $value] = $parts;

            if (
                preg_match(self::OPTION, $name) !== 1
                || preg_match(self::VALUE, $value) !== 1
                || $name === 'otklik'
                || isset($options[$name])
            ) {
                return null;
            }

            $options[$name] = $value;
        }

        if (!isset($options['org'])) {
            return null;
        }

        $html = '<div data-otklik="' . self::escape($widget) . '"';

        foreach ($options as $name => $value) {
            $html .= ' data-' . self::escape($name) . '="' . self::escape($value) . '"';
        }

        return $html . '></div>';
    }

    private static function escape(string $text): string
    {
        return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
    }
}
