<?php
/**
 * The mount markup and the loader address: pure functions that call only shortcode_atts() and
 * esc_attr() from WordPress, so that tests/plugins/wordpress.test.ts runs them under plain php-cli.
 * The widgets and their options are in widgets.php, generated from the widget registry.
 *
 * @package Otklik
 * @license MIT
 */

defined( 'ABSPATH' ) || exit;

/** What an invalid shortcode or block becomes: inert, and free of anything the author typed. */
const OTKLIK_INVALID = '<!-- otklik: invalid shortcode -->';

/**
 * A shortcode or block attribute as a trimmed string; anything but a short scalar gives ''.
 *
 * @param mixed $value The raw value.
 * @return string
 */
function otklik_attribute( $value ) {
	if ( ! is_scalar( $value ) ) {
		return '';
	}
	$value = trim( (string) $value );
	return strlen( $value ) > 256 ? '' : $value;
}

/**
 * Every option name some widget takes (otklik_widgets(), generated from the widget registry).
 *
 * @return string[]
 */
function otklik_option_names() {
	$names = array();
	foreach ( otklik_widgets() as $widget ) {
		$names = array_merge( $names, array_keys( $widget['options'] ) );
	}
	return array_values( array_unique( $names ) );
}

/**
 * The mount `<div>` for `[otklik type="appeal-counter" org="demo-school" variant="full" lang="be"]`
 * or the block with the same attributes:
 * `<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full" data-lang="be"></div>`.
 *
 * Only `type`, `org` and the options of the widget (otklik_widgets()) are read, each against its
 * whitelist: `type` must be a known widget and `org` an organisation id (required unless the widget
 * works without one); an option with an invalid value, or one the widget does not take, is left out.
 * Anything else gives OTKLIK_INVALID. Every value is escaped with esc_attr() all the same.
 *
 * @param array|string $atts Shortcode attributes (WordPress passes '' when there are none).
 * @return string
 */
function otklik_mount_html( $atts ) {
	$widgets = otklik_widgets();
	$atts    = shortcode_atts(
		array_merge( array( 'type' => '', 'org' => '' ), array_fill_keys( otklik_option_names(), '' ) ),
		is_array( $atts ) ? $atts : array(),
		'otklik'
	);

	$type = strtolower( otklik_attribute( $atts['type'] ) );
	if ( ! isset( $widgets[ $type ] ) ) {
		return OTKLIK_INVALID;
	}
	$widget = $widgets[ $type ];

	$org = otklik_attribute( $atts['org'] );
	if ( 1 !== preg_match( OTKLIK_ORGANIZATION_ID, $org ) && ! ( '' === $org && ! $widget['org'] ) ) {
		return OTKLIK_INVALID;
	}

	$html = '<div data-otklik="' . esc_attr( $type ) . '"';
	if ( '' !== $org ) {
		$html .= ' data-org="' . esc_attr( $org ) . '"';
	}

	foreach ( $widget['options'] as $name => $option ) {
		$value = otklik_attribute( isset( $atts[ $name ] ) ? $atts[ $name ] : '' );
		if ( $option['lowercase'] ) {
			$value = strtolower( $value );
		}
		if ( '' !== $value && 1 === preg_match( $option['pattern'], $value ) ) {
			$html .= ' data-' . $name . '="' . esc_attr( $value ) . '"';
		}
	}

	return $html . '></div>';
}

/**
 * The `[otklik …]` shortcode.
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function otklik_shortcode( $atts ) {
	return otklik_mount_html( $atts );
}

/**
 * The render callback of the `otklik/widget` block: the same markup as the shortcode.
 *
 * @param array $attributes Block attributes.
 * @return string
 */
function otklik_render_block( $attributes ) {
	return otklik_mount_html( is_array( $attributes ) ? $attributes : array() );
}

/**
 * A mount `<div>` as otklik_mount_html() writes it (its values are escaped: no quote, `<` or `>`).
 */
const OTKLIK_MOUNT = '<div data-otklik="[a-z-]+"(?: data-[a-z-]+="[^"<>]*")*></div>';

/**
 * Takes the widgets' mount divs out of paragraphs, on `the_content` after the shortcodes ran: a `<div>`
 * cannot be inside a `<p>` (browsers end the paragraph before it and leave an empty one after it).
 * WordPress's shortcode_unautop() unwraps a shortcode alone in a plain `<p>`; this handles the rest —
 * a paragraph with attributes (an alignment, a class) or with text around the shortcode — by ending
 * the paragraph before the div and starting it again after it, closing and reopening the inline
 * elements that are open around the shortcode. Paragraphs left empty are dropped.
 *
 * @param mixed $html The content.
 * @return mixed
 */
function otklik_unwrap_mounts( $html ) {
	if ( ! is_string( $html ) || false === strpos( $html, '<div data-otklik=' ) ) {
		return $html;
	}
	$inside = '(?:(?!</?p[\s/>]).)*?';
	$result = preg_replace_callback(
		'#<p(\s[^>]*)?>(' . $inside . OTKLIK_MOUNT . $inside . ')</p>#is',
		'otklik_split_paragraph',
		$html
	);
	return null === $result ? $html : $result;
}

/**
 * One paragraph with mount divs in it, as paragraphs around the divs.
 *
 * @param string[] $match The paragraph's attributes ([1]) and content ([2]).
 * @return string
 */
function otklik_split_paragraph( $match ) {
	$attributes = $match[1];
	$parts      = preg_split( '#(' . OTKLIK_MOUNT . ')#', $match[2], -1, PREG_SPLIT_DELIM_CAPTURE );
	$open       = array();
	$html       = '';
	foreach ( $parts as $index => $part ) {
		if ( 1 === $index % 2 ) {
			$html .= $part;
			continue;
		}
		$reopen = implode( '', array_column( $open, 1 ) );
		$open   = otklik_open_elements( $part, $open );
		$close  = '';
		foreach ( array_reverse( $open ) as $element ) {
			$close .= '</' . $element[0] . '>';
		}
		$text = $reopen . $part . $close;
		if ( otklik_has_content( $text ) ) {
			$html .= '<p' . $attributes . '>' . $text . '</p>';
			// An id belongs to the first part only.
			$attributes = otklik_without_id( $attributes );
		}
	}
	return $html;
}

/**
 * The inline elements still open after `$html`, given those open before it: name => opening tag.
 *
 * @param string                    $html Part of a paragraph.
 * @param array<int, array{string, string}> $open Elements open before it: [name, opening tag].
 * @return array<int, array{string, string}>
 */
function otklik_open_elements( $html, $open ) {
	$void = array( 'area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr' );
	preg_match_all( '#<(/?)([a-z][a-z0-9-]*)\b[^>]*>#i', $html, $tags, PREG_SET_ORDER );
	foreach ( $tags as $tag ) {
		$name = strtolower( $tag[2] );
		if ( in_array( $name, $void, true ) || '/>' === substr( $tag[0], -2 ) ) {
			continue;
		}
		if ( '' === $tag[1] ) {
			$open[] = array( $name, otklik_without_id( $tag[0] ) );
			continue;
		}
		for ( $i = count( $open ) - 1; $i >= 0; $i-- ) {
			if ( $open[ $i ][0] === $name ) {
				array_splice( $open, $i );
				break;
			}
		}
	}
	return $open;
}

/**
 * Whether a piece of a paragraph shows anything: text other than spaces, or embedded content.
 *
 * @param string $html Part of a paragraph.
 * @return bool
 */
function otklik_has_content( $html ) {
	if ( 1 === preg_match( '#<(?:img|svg|video|audio|iframe|object|embed|canvas|picture|input|select|textarea|button|math)\b#i', $html ) ) {
		return true;
	}
	$text = str_replace( array( '&nbsp;', '&#160;', "\xC2\xA0" ), ' ', (string) preg_replace( '#<[^>]*>#', '', $html ) );
	return '' !== trim( $text );
}

/**
 * An opening tag or attribute list without its id attribute.
 *
 * @param string $html The tag or attributes.
 * @return string
 */
function otklik_without_id( $html ) {
	return (string) preg_replace( '#\sid\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s>]*)#i', '', $html );
}

/**
 * The portal's base address, normalised (`HTTPS://Portal.Example.RU/otklik/` →
 * `https://portal.example.ru/otklik`), or null unless `$portal` is an absolute http(s) URL without
 * credentials, query or fragment, with a plain host and path.
 *
 * @param mixed $portal What the administrator typed.
 * @return string|null
 */
function otklik_portal_url( $portal ) {
	$portal = is_string( $portal ) ? trim( $portal ) : '';
	if ( '' === $portal || strlen( $portal ) > 2048 || 1 === preg_match( '/[\s"\'<>\\\\`]/', $portal ) ) {
		return null;
	}

	$parts = parse_url( $portal ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure function, tested without WordPress.
	if ( false === $parts
		|| ! isset( $parts['scheme'], $parts['host'] )
		|| ! in_array( strtolower( $parts['scheme'] ), array( 'https', 'http' ), true )
		|| isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] )
		|| 1 !== preg_match( '/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/Di', $parts['host'] )
	) {
		return null;
	}

	$url = strtolower( $parts['scheme'] ) . '://' . strtolower( $parts['host'] );
	if ( isset( $parts['port'] ) ) {
		$url .= ':' . (int) $parts['port'];
	}

	$path = rtrim( isset( $parts['path'] ) ? $parts['path'] : '', '/' );
	if ( '' !== $path
		&& ( 1 !== preg_match( '#^(?:/[A-Za-z0-9._~-]+)+$#D', $path ) || 1 === preg_match( '#/\.\.?(?:/|$)#', $path ) ) ) {
		return null;
	}

	return $url . $path;
}

/**
 * The loader's address for a portal address (`https://portal.example.ru` →
 * `https://portal.example.ru/otklik.js`), or null when the portal address is not valid.
 *
 * @param mixed $portal The portal address.
 * @return string|null
 */
function otklik_loader_url( $portal ) {
	$base = otklik_portal_url( $portal );
	return null === $base ? null : $base . '/otklik.js';
}
