/**
 * The "Otklik" block in the editor: a box with the widget's settings. The page shows the widget itself
 * (rendered on the server as `<div data-otklik=…>` by the same function as the `[otklik]` shortcode).
 * The widgets, their labels and the organisation id pattern come from the plugin (`otklikEditor`,
 * includes/editor.php, from the widget registry). Plain ES5 with WordPress globals: no build step.
 */
(function (blocks, blockEditor, components, element, i18n) {
  'use strict';
  var el = element.createElement;
  var __ = i18n.__;
  var settings = window.otklikEditor || { widgets: [], orgPattern: '^$' };

  var widgets = settings.widgets.map(function (widget) {
    return { value: widget.name, label: widget.label };
  });
  var orgPattern = new RegExp(settings.orgPattern);
  var widgetNamed = function (name) {
    return settings.widgets.filter(function (widget) {
      return widget.name === name;
    })[0];
  };
  var languages = [
    { value: '', label: __('Language of the page', 'otklik') },
    { value: 'ru', label: 'Русский' },
    { value: 'be', label: 'Беларуская' },
    { value: 'en', label: 'English' },
  ];
  // An SVG, not a dashicon: the editor's content is in an iframe without the dashicons font, where a
  // dashicon's placeholder icon is blank. A speech bubble with a tick: an appeal and its answer.
  var icon = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 24 24',
      width: 24,
      height: 24,
      'aria-hidden': true,
      focusable: false,
    },
    el('path', {
      fillRule: 'evenodd',
      d: 'M4 3h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1h-8l-5 4v-4H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm6.6 10.4-3.2-3.2 1.4-1.4 1.8 1.8 4.6-4.6 1.4 1.4z',
    }),
  );
  var variants = [
    { value: '', label: __('Compact', 'otklik') },
    { value: 'full', label: __('Full table', 'otklik') },
  ];

  blocks.registerBlockType('otklik/widget', {
    icon: icon,
    edit: function (props) {
      var attributes = props.attributes;
      var set = function (name) {
        return function (value) {
          var next = {};
          next[name] = value;
          props.setAttributes(next);
        };
      };
      var widget = widgetNamed(attributes.type);
      var validOrg = orgPattern.test(attributes.org);
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          components.Placeholder,
          {
            icon: icon,
            label: __('Otklik widget', 'otklik'),
            instructions: __('The widget appears on the published page.', 'otklik'),
          },
          el(components.SelectControl, {
            label: __('Widget', 'otklik'),
            value: attributes.type,
            options: widgets,
            onChange: set('type'),
            __nextHasNoMarginBottom: true,
          }),
          el(components.TextControl, {
            label: __('Organisation ID', 'otklik'),
            value: attributes.org,
            onChange: set('org'),
            help:
              attributes.org === '' || validOrg
                ? __('As given by the portal, e.g. demo-school.', 'otklik')
                : __('Only lowercase Latin letters, digits and hyphens.', 'otklik'),
            __nextHasNoMarginBottom: true,
          }),
          // The layout choice for the widgets that have one (the counter and rating badges).
          !!widget &&
            !!widget.options.variant &&
            el(components.SelectControl, {
              label: __('Layout', 'otklik'),
              value: attributes.variant,
              options: variants,
              onChange: set('variant'),
              __nextHasNoMarginBottom: true,
            }),
          el(components.SelectControl, {
            label: __('Language', 'otklik'),
            value: attributes.lang,
            options: languages,
            onChange: set('lang'),
            __nextHasNoMarginBottom: true,
          }),
        ),
      );
    },
    save: function () {
      return null;
    },
  });
})(window.wp.blocks, window.wp.blockEditor, window.wp.components, window.wp.element, window.wp.i18n);
