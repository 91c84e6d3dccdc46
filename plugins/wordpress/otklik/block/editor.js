/**
 * The "Otklik" block in the editor: a box with the widget's settings. The page shows the widget itself
 * (rendered on the server as `<div data-otklik=…>` by the same function as the `[otklik]` shortcode).
 * Plain ES5 with WordPress globals: no build step.
 */
(function (blocks, blockEditor, components, element, i18n) {
  'use strict';
  var el = element.createElement;
  var __ = i18n.__;

  var widgets = [
    { value: 'appeal', label: __('Appeal form', 'otklik') },
    { value: 'appeal-status', label: __('Appeal status', 'otklik') },
    { value: 'appeal-counter', label: __('Appeal counter', 'otklik') },
    { value: 'rate', label: __('Service rating form', 'otklik') },
    { value: 'rating', label: __('Rating badge', 'otklik') },
    { value: 'qr', label: __('QR code for the rating form', 'otklik') },
    { value: 'org-search', label: __('Organisation search', 'otklik') },
  ];
  var languages = [
    { value: '', label: __('Language of the page', 'otklik') },
    { value: 'ru', label: 'Русский' },
    { value: 'be', label: 'Беларуская' },
    { value: 'en', label: 'English' },
  ];
  var variants = [
    { value: '', label: __('Compact', 'otklik') },
    { value: 'full', label: __('Full table', 'otklik') },
  ];

  blocks.registerBlockType('otklik/widget', {
    edit: function (props) {
      var attributes = props.attributes;
      var set = function (name) {
        return function (value) {
          var next = {};
          next[name] = value;
          props.setAttributes(next);
        };
      };
      var validOrg = /^[a-z0-9][a-z0-9-]{0,63}$/.test(attributes.org);
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          components.Placeholder,
          {
            icon: 'megaphone',
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
          attributes.type === 'appeal-counter' &&
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
