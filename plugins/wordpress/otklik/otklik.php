<?php
/**
 * Plugin Name:       Otklik
 * Plugin URI:        https://github.com/otklik/otklik
 * Description:       Appeal intake form, appeal status tracker, appeal counter and service-quality rating widgets from an Otklik portal: a shortcode, a block and the loader script.
 * Version:           0.1.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Author:            Otklik contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       otklik
 * Domain Path:       /languages
 *
 * @package Otklik
 */

defined( 'ABSPATH' ) || exit;

const OTKLIK_VERSION = '0.1.0';

require_once __DIR__ . '/includes/widgets.php';
require_once __DIR__ . '/includes/mount.php';
require_once __DIR__ . '/includes/editor.php';
require_once __DIR__ . '/includes/admin.php';

add_action( 'init', 'otklik_init' );
add_action( 'wp_enqueue_scripts', 'otklik_enqueue_loader' );
// After do_shortcode (11): a widget's div written inline in a paragraph is taken out of the <p>.
add_filter( 'the_content', 'otklik_unwrap_mounts', 12 );
add_filter( 'widget_text_content', 'otklik_unwrap_mounts', 12 );

if ( is_admin() ) {
	add_action( 'admin_menu', 'otklik_admin_menu' );
	add_action( 'admin_init', 'otklik_register_settings' );
	add_action( 'admin_notices', 'otklik_admin_notice' );
	add_action( 'enqueue_block_editor_assets', 'otklik_editor_assets' );
	add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'otklik_action_links' );
}

/** Translations, the `[otklik]` shortcode and the `otklik/widget` block. */
function otklik_init() {
	load_plugin_textdomain( 'otklik', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	add_shortcode( 'otklik', 'otklik_shortcode' );
	register_block_type( __DIR__ . '/block', array( 'render_callback' => 'otklik_render_block' ) );
	// The editor script's translations ship with the plugin (languages/otklik-LOCALE-MD5.json).
	wp_set_script_translations( 'otklik-widget-editor-script', 'otklik', __DIR__ . '/languages' );
}

/**
 * Adds `<script src="PORTAL/otklik.js" defer>` once to every front-end page, when the portal address
 * is set. The loader is tiny and loads only the widgets a page uses; with no mount point on a page
 * it does nothing.
 */
function otklik_enqueue_loader() {
	$url = otklik_loader_url( get_option( OTKLIK_OPTION, '' ) );
	if ( null === $url ) {
		return;
	}
	// No `?ver=`: the portal serves the loader with a short cache lifetime and versions its chunks.
	wp_enqueue_script(
		'otklik-loader',
		$url,
		array(),
		null, // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
		array(
			'strategy'  => 'defer',
			'in_footer' => false,
		)
	);
}
