<?php
/**
 * The mount markup and the loader address: pure functions that call only shortcode_atts() and
 * esc_attr() from WordPress, so that tests/plugins/wordpress.test.ts runs them under plain php-cli.
 *
 * @package Otklik
 * @license MIT
 */

defined( 'ABSPATH' ) || exit;

/** What an invalid shortcode or block becomes: inert, and free of anything the author typed. */
const OTKLIK_INVALID = '<!-- otklik: invalid shortcode -->';

/**
 * The `data-otklik` values the loader knows (keep in step with scripts/build-widgets.ts; the tests
 * compare them).
 *
 * @return string[]
 */
function otklik_widgets() {
	return array( 'appeal', 'appeal-status', 'appeal-counter', 'rate', 'rating', 'qr', 'org-search' );
}

/**
 * Widgets that work without an organisation (the organisation search lists them all).
 *
 * @return string[]
 */
function otklik_widgets_without_org() {
	return array( 'org-search' );
}

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
 * The options a shortcode or block may set besides `type` and `org`, each with the only values it
 * may take (a regular expression on the lowercased value, or on the value as typed for URLs and ids).
 * An option with any other value is left out. Keep in step with the widgets' `data-*` options.
 *
 * @return array<string, string> Option name => pattern.
 */
function otklik_options() {
	return array(
		'variant'           => '/^[a-z][a-z0-9-]{0,31}$/D',
		'lang'              => '/^(ru|be|en)$/D',
		'contrast'          => '/^high$/D',
		// Organisation search.
		'country'           => '/^(ru|by)$/D',
		'sphere'            => '/^[a-z0-9][a-z0-9-]{0,63}$/D',
		'category'          => '/^[a-z0-9][a-z0-9-]{0,63}$/D',
		'parent'            => '/^[a-z0-9][a-z0-9-]{0,63}$/D',
		'target'            => '#^[A-Za-z][A-Za-z0-9_-]{0,63}$#D',
		'limit'             => '/^([1-9]|[1-4][0-9]|50)$/D',
		'tiles'             => '#^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._~/{}-]*\{z\}[A-Za-z0-9._~/{}-]*$#D',
		'tiles-attribution' => '/^[^<>"\x27&]{1,200}$/Du',
		// QR code.
		'poster'            => '/^(none|a4|a5)$/D',
		'url'               => '#^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%-]*)?$#D',
	);
}

/** Options whose values keep their case (URLs, ids, text). */
function otklik_case_sensitive_options() {
	return array( 'target', 'tiles', 'tiles-attribution', 'url' );
}

/**
 * The mount `<div>` for `[otklik type="appeal-counter" org="demo-school" variant="full" lang="be"]`
 * or the block with the same attributes:
 * `<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full" data-lang="be"></div>`.
 *
 * Only `type`, `org` and the options of otklik_options() are read, each against its whitelist: `type`
 * must be a known widget and `org` an organisation id (`[a-z0-9-]`, 64 at most; only `org-search` works
 * without one); an option with an invalid value is left out. Anything else gives OTKLIK_INVALID.
 * Every value is escaped with esc_attr() all the same.
 *
 * @param array|string $atts Shortcode attributes (WordPress passes '' when there are none).
 * @return string
 */
function otklik_mount_html( $atts ) {
	$patterns = otklik_options();
	$atts     = shortcode_atts(
		array_merge( array( 'type' => '', 'org' => '' ), array_fill_keys( array_keys( $patterns ), '' ) ),
		is_array( $atts ) ? $atts : array(),
		'otklik'
	);

	$type = strtolower( otklik_attribute( $atts['type'] ) );
	if ( ! in_array( $type, otklik_widgets(), true ) ) {
		return OTKLIK_INVALID;
	}

	$org = otklik_attribute( $atts['org'] );
	if ( 1 !== preg_match( '/^[a-z0-9][a-z0-9-]{0,63}$/D', $org )
		&& ! ( '' === $org && in_array( $type, otklik_widgets_without_org(), true ) ) ) {
		return OTKLIK_INVALID;
	}

	$html = '<div data-otklik="' . esc_attr( $type ) . '"';
	if ( '' !== $org ) {
		$html .= ' data-org="' . esc_attr( $org ) . '"';
	}

	foreach ( $patterns as $name => $pattern ) {
		$value = otklik_attribute( isset( $atts[ $name ] ) ? $atts[ $name ] : '' );
		if ( ! in_array( $name, otklik_case_sensitive_options(), true ) ) {
			$value = strtolower( $value );
		}
		if ( '' !== $value && 1 === preg_match( $pattern, $value ) ) {
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
