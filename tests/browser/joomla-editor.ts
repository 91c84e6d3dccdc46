/**
 * Joomla's side of the editor tests: its default text filter re-implemented from the documented rules,
 * and the TinyMCE options Joomla 5's `plg_editors_tinymce` sends with a default editor profile.
 * Both run inside Chromium (`page.evaluate`), the filter on the browser's own HTML parser.
 */

/**
 * Joomla's default text filter (InputFilter, "Default Filter List" for non-Super-User groups) as
 * documented, applied to `html` with DOMParser:
 * - a tag whose name does not match `^[a-z][a-z0-9]*$` is deleted (its content stays, as in Joomla);
 * - blocked tags are deleted the same way: Joomla's list `applet, body, bgsound, base, basefont, canvas,
 *   embed, frame, frameset, head, html, id, iframe, ilayer, layer, link, meta, name, object, script,
 *   style, title, xml` (it includes `script`, `style`, `iframe`, `link`, `meta`, `object`, `embed`);
 * - `on*` attributes, Joomla's blocked attributes (`action, background, codebase, dynsrc, formaction,
 *   lowsrc`) and attributes whose value holds a script URL are dropped;
 * - double quotes and backslashes inside attribute values are stripped.
 * Runs in the browser: it must not reference anything outside its own body.
 */
export function joomlaTextFilter(html: string): string {
  const blockedTags = new Set([
    'applet',
    'body',
    'bgsound',
    'base',
    'basefont',
    'canvas',
    'embed',
    'frame',
    'frameset',
    'head',
    'html',
    'id',
    'iframe',
    'ilayer',
    'layer',
    'link',
    'meta',
    'name',
    'object',
    'script',
    'style',
    'title',
    'xml',
  ]);
  const blockedAttributes = new Set(['action', 'background', 'codebase', 'dynsrc', 'formaction', 'lowsrc']);
  const template = document.createElement('template');
  // A template's content is inert: nothing runs, nothing loads while filtering.
  template.innerHTML = html;
  const clean = (parent: ParentNode) => {
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.COMMENT_NODE) {
        node.remove();
        continue;
      }
      if (!(node instanceof Element)) continue;
      const name = node.localName;
      if (!/^[a-z][a-z0-9]*$/.test(name) || blockedTags.has(name)) {
        // Joomla deletes the tag, not what it encloses.
        const content = node instanceof HTMLTemplateElement ? node.content : node;
        clean(content);
        node.replaceWith(...content.childNodes);
        continue;
      }
      for (const attribute of [...node.attributes]) {
        const attributeName = attribute.name.toLowerCase();
        const value = attribute.value;
        if (
          attributeName.startsWith('on') ||
          blockedAttributes.has(attributeName) ||
          !/^[a-z][a-z0-9_:-]*$/.test(attributeName) ||
          /(?:java|vb|live)script:|behaviour:|mocha:/i.test(value.replace(/\s/g, ''))
        ) {
          node.removeAttribute(attribute.name);
          continue;
        }
        const stripped = value.replace(/["\\]/g, '');
        if (stripped !== value) node.setAttribute(attribute.name, stripped);
      }
      clean(node);
    }
  };
  clean(template.content);
  return template.innerHTML;
}

/**
 * TinyMCE options as Joomla 5 builds them in plg_editors_tinymce (DisplayTrait::display) for the
 * default profile (set 0, "advanced" preset for Administrator/Editor/Super Users) when the TinyMCE
 * filter parameters are in use (`use_config_textfilters` off): `valid_elements` empty (TinyMCE's HTML5
 * schema), `extended_valid_elements` Joomla's `hr[...]`, `invalid_elements: 'script,applet,iframe'`,
 * `entity_encoding: 'raw'`, `verify_html: true`, `relative_urls: true`, `remove_script_host: false`,
 * `document_base_url` the site root, paragraphs as root blocks, and the always-on plugins plus those
 * of the toolbar buttons. Joomla-only plugins (joomlaHighlighter, jdragndrop, jxtdbuttons) are left out.
 */
export function joomlaTinymceOptions(siteRoot: string): Record<string, unknown> {
  return {
    schema: 'html5',
    entity_encoding: 'raw',
    verify_html: true,
    valid_elements: '',
    extended_valid_elements: 'hr[id|title|alt|class|width|size|noshade]',
    invalid_elements: 'script,applet,iframe',
    relative_urls: true,
    remove_script_host: false,
    document_base_url: siteRoot,
    forced_root_block: 'p',
    end_container_on_empty_block: true,
    paste_as_text: false,
    paste_data_images: false,
    image_caption: true,
    importcss_append: true,
    browser_spellcheck: true,
    autosave_restore_when_empty: false,
    branding: false,
    promotion: false,
    plugins:
      'autolink,lists,importcss,quickbars,wordcount,advlist,autosave,anchor,charmap,code,fullscreen,image,link,media,searchreplace,table,visualblocks,visualchars,nonbreaking,directionality,insertdatetime,preview',
    toolbar: 'undo redo | blocks | bold italic underline | link image media table | bullist numlist | code',
    menubar: 'edit insert view format table tools help',
  };
}
