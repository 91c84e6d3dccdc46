<?php
/**
 * Dependencies of editor.js (written by hand: the editor script needs no build step).
 *
 * @package Otklik
 */

defined( 'ABSPATH' ) || exit;

return array(
	'dependencies' => array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n' ),
	'version'      => '0.1.0',
);
