<?php
/**
 * Settings → Otklik: the portal address, through the Settings API (options.php checks the nonce
 * and the manage_options capability).
 *
 * @package Otklik
 * @license MIT
 */

defined( 'ABSPATH' ) || exit;

/** The option that holds the portal address. */
const OTKLIK_OPTION = 'otklik_portal_url';

/** Adds the page under Settings. */
function otklik_admin_menu() {
	add_options_page(
		__( 'Otklik settings', 'otklik' ),
		__( 'Otklik', 'otklik' ),
		'manage_options',
		'otklik',
		'otklik_settings_page'
	);
}

/** Registers the option, its section and its field. */
function otklik_register_settings() {
	register_setting(
		'otklik',
		OTKLIK_OPTION,
		array(
			'type'              => 'string',
			'description'       => __( 'Address of the Otklik portal', 'otklik' ),
			'sanitize_callback' => 'otklik_sanitize_portal_url',
			'show_in_rest'      => false,
			'default'           => '',
		)
	);
	add_settings_section( 'otklik_portal', __( 'Portal', 'otklik' ), 'otklik_section_text', 'otklik' );
	add_settings_field(
		OTKLIK_OPTION,
		__( 'Portal address', 'otklik' ),
		'otklik_portal_field',
		'otklik',
		'otklik_portal',
		array( 'label_for' => OTKLIK_OPTION )
	);
}

/**
 * Keeps only a valid http(s) portal address (normalised, through esc_url_raw); an invalid one is
 * refused with a notice and the saved address stays as it was. An empty value switches the loader off.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function otklik_sanitize_portal_url( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value ) {
		return '';
	}
	$portal = otklik_portal_url( $value );
	$clean  = null === $portal ? '' : esc_url_raw( $portal, array( 'https', 'http' ) );
	if ( '' === $clean || $clean !== $portal ) {
		add_settings_error(
			OTKLIK_OPTION,
			'otklik_invalid_portal_url',
			__( 'The portal address must be a full http or https address, such as https://otklik.example.ru, without a query or fragment. The address was not changed.', 'otklik' )
		);
		$previous = get_option( OTKLIK_OPTION, '' );
		return is_string( $previous ) && null !== otklik_portal_url( $previous ) ? $previous : '';
	}
	return $clean;
}

/** The text above the field. */
function otklik_section_text() {
	echo '<p>' . esc_html__( 'The address of the Otklik portal your organisation uses. The widget loader is added to every page of the site once it is set.', 'otklik' ) . '</p>';
}

/** The portal address field. */
function otklik_portal_field() {
	$value = get_option( OTKLIK_OPTION, '' );
	printf(
		'<input type="url" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" placeholder="https://otklik.example.ru" aria-describedby="otklik-portal-help">',
		esc_attr( OTKLIK_OPTION ),
		esc_attr( is_string( $value ) ? $value : '' )
	);
	echo '<p class="description" id="otklik-portal-help">' . esc_html__( 'For example https://otklik.example.ru. Leave empty to stop adding the loader.', 'otklik' ) . '</p>';
}

/** The settings page. */
function otklik_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$portal = otklik_portal_url( get_option( OTKLIK_OPTION, '' ) );
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	// Errors and "Settings saved." are shown by WordPress itself (options-head.php) on Settings pages.
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'otklik' );
	do_settings_sections( 'otklik' );
	submit_button();
	echo '</form>';

	echo '<h2>' . esc_html__( 'Adding a widget', 'otklik' ) . '</h2>';
	echo '<p>' . esc_html__( 'Add the "Otklik" block in the block editor, or write a shortcode in any text:', 'otklik' ) . '</p>';
	echo '<p><code>[otklik type="appeal" org="demo-school"]</code><br><code>[otklik type="appeal-counter" org="demo-school" variant="full"]</code><br><code>[otklik type="appeal-status" org="demo-school"]</code></p>';
	otklik_widget_list();

	if ( null !== $portal ) {
		echo '<h2>' . esc_html__( 'Content Security Policy', 'otklik' ) . '</h2>';
		echo '<p>' . esc_html__( 'If the site sends a Content-Security-Policy header, it must allow the portal:', 'otklik' ) . '</p>';
		// With 'self', as in the guide: the site's own scripts and requests keep working.
		$origin = otklik_origin( $portal );
		echo '<p><code>' . esc_html( "script-src 'self' {$origin}; connect-src 'self' {$origin}" ) . '</code></p>';
	}

	echo '<h2>' . esc_html__( 'A widget does not show?', 'otklik' ) . '</h2>';
	echo '<p>' . esc_html__( 'Open the page, press F12, choose Console and run Otklik.diagnose() — it explains what is wrong.', 'otklik' ) . '</p>';
	echo '</div>';
}

/**
 * The widgets (`type`) and the options each takes besides `org`, with their words or an example value,
 * from widgets.php (generated from the widget registry).
 */
function otklik_widget_list() {
	$labels = otklik_widget_labels();
	echo '<p>' . esc_html__( 'Widgets (type) and the options each takes besides org, with example values:', 'otklik' ) . '</p><ul>';
	foreach ( otklik_widgets() as $name => $widget ) {
		$options = array();
		foreach ( $widget['options'] as $option => $rule ) {
			$options[] = $option . '="' . ( null === $rule['values'] ? $rule['example'] : implode( '|', $rule['values'] ) ) . '"';
		}
		echo '<li><code>type="' . esc_html( $name ) . '"</code> — ' . esc_html( $labels[ $name ] )
			. ( $widget['org'] ? '' : ' ' . esc_html__( '(works without org)', 'otklik' ) )
			. ': <code>' . esc_html( implode( ' ', $options ) ) . '</code></li>';
	}
	echo '</ul>';
}

/**
 * The origin (scheme, host, port) of a normalised portal address.
 *
 * @param string $portal Portal address from otklik_portal_url().
 * @return string
 */
function otklik_origin( $portal ) {
	return (string) preg_replace( '#^(https?://[^/]+).*$#', '$1', $portal );
}

/**
 * A "Settings" link beside the plugin on the Plugins screen.
 *
 * @param string[] $links Existing links.
 * @return string[]
 */
function otklik_action_links( $links ) {
	$links[] = '<a href="' . esc_url( admin_url( 'options-general.php?page=otklik' ) ) . '">' . esc_html__( 'Settings', 'otklik' ) . '</a>';
	return $links;
}

/** Reminds administrators on the Plugins screen that the portal address is not set yet. */
function otklik_admin_notice() {
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( ! $screen || 'plugins' !== $screen->id || ! current_user_can( 'manage_options' )
		|| null !== otklik_portal_url( get_option( OTKLIK_OPTION, '' ) ) ) {
		return;
	}
	echo '<div class="notice notice-warning"><p>' . esc_html__( 'Otklik: enter your portal address in Settings → Otklik to show the widgets.', 'otklik' )
		. ' <a href="' . esc_url( admin_url( 'options-general.php?page=otklik' ) ) . '">' . esc_html__( 'Settings', 'otklik' ) . '</a></p></div>';
}
