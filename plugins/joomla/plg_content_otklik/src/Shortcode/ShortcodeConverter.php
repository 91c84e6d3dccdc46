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
 * The widgets, their options and the values each option takes are the registry's (Registry.php,
 * generated from the project's widget registry). A shortcode naming an unknown widget, without the
 * `org` its widget needs, or with a value its option does not take becomes a fixed HTML comment that
 * echoes none of its input; an option the widget does not have is left out, if its value is a plain
 * word (`[a-z0-9-]`).
 */
final class ShortcodeConverter
{
    /** Output for a shortcode that is not accepted: inert, and free of anything the author typed. */
    public const INVALID = '<!-- otklik: invalid shortcode -->';

    /** The value of an option the widget does not have, which is dropped. */
    private const VALUE = '/^[a-z0-9][a-z0-9-]{0,63}$/D';

    private const OPTION = '/^[a-z][a-z0-9-]{0,31}$/D';

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
     * widget is unknown, `org` is missing where the widget needs it, or any option or value is not
     * allowed. Options are written in the order given, keyword values in lowercase.
     */
    public static function mount(string $inside): ?string
    {
        $text   = html_entity_decode(str_replace("\u{00A0}", ' ', $inside), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        $tokens = preg_split('/\s+/u', trim($text), -1, PREG_SPLIT_NO_EMPTY);

        if ($tokens === false || $tokens === []) {
            return null;
        }

        $widget = strtolower(array_shift($tokens));
        $spec   = Registry::WIDGETS[$widget] ?? null;

        if ($spec === null) {
            return null;
        }

        $options = [];
        $seen    = [];

        foreach ($tokens as $token) {
            if (preg_match('/^([a-z][a-z0-9-]*)=(["\']?)([^"\']*)\2$/D', $token, $parts) !== 1) {
                return null;
            }

            [, $name, , $value] = $parts;

            if (preg_match(self::OPTION, $name) !== 1 || $name === 'otklik' || isset($seen[$name])) {
                return null;
            }

            $seen[$name] = true;
            $option      = $spec['options'][$name] ?? null;

            if ($name === 'org') {
                $pattern = Registry::ORGANIZATION_ID;
            } elseif ($option !== null) {
                $pattern = $option['pattern'];
                $value   = $option['lowercase'] ? strtolower($value) : $value;
            } else {
                // Not an option of this widget: dropped, unless it is anything but a plain word.
                if (preg_match(self::VALUE, $value) !== 1) {
                    return null;
                }

                continue;
            }

            if (preg_match($pattern, $value) !== 1) {
                return null;
            }

            $options[$name] = $value;
        }

        if ($spec['org'] && !isset($options['org'])) {
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
