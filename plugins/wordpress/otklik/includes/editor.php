<?php
/**
 * What the block editor's script needs to know: the widgets (from widgets.php, generated from the
 * widget registry) with their labels in the editor's language, and the organisation id pattern.
 *
 * @package Otklik
 * @license MIT
 */

defined( 'ABSPATH' ) || exit;

/**
 * The editor's settings: `widgets` (name, label, whether it needs an organisation, its options with
 * their words if they are keywords) and `orgPattern` (a JavaScript regular expression's source).
 *
 * @return array{widgets: array<int, array{name: string, label: string, org: bool, options: array<string, string[]|null>}>, orgPattern: string}
 */
function otklik_editor_data() {
	$labels  = otklik_widget_labels();
	$widgets = array();
	foreach ( otklik_widgets() as $name => $widget ) {
		$options = array();
		foreach ( $widget['options'] as $option => $rule ) {
			$options[ $option ] = $rule['values'];
		}
		$widgets[] = array(
			'name'    => $name,
			'label'   => $labels[ $name ],
			'org'     => $widget['org'],
			'options' => (object) $options,
		);
	}
	return array(
		'widgets'    => $widgets,
		'orgPattern' => OTKLIK_ORGANIZATION_ID_JS,
	);
}

/** Hands the settings to the block's editor script (`window.otklikEditor`), before it runs. */
function otklik_editor_assets() {
	wp_add_inline_script(
		'otklik-widget-editor-script',
		'window.otklikEditor = ' . wp_json_encode( otklik_editor_data() ) . ';',
		'before'
	);
}
