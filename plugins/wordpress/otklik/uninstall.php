<?php
/**
 * Removes the plugin's only option when the plugin is deleted (in every site of a network).
 *
 * @package Otklik
 * @license MIT
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'otklik_portal_url' );

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $otklik_site_id ) {
		switch_to_blog( $otklik_site_id );
		delete_option( 'otklik_portal_url' );
		restore_current_blog();
	}
}
