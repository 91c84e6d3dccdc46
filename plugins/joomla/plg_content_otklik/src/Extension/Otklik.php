<?php

/**
 * @package     Otklik
 * @subpackage  plg_content_otklik
 * @license     MIT; see LICENSE
 */

namespace Otklik\Plugin\Content\Otklik\Extension;

use Joomla\CMS\Event\Content\ContentPrepareEvent;
use Joomla\CMS\Plugin\CMSPlugin;
use Joomla\Event\Event;
use Joomla\Event\SubscriberInterface;
use Otklik\Plugin\Content\Otklik\Shortcode\ShortcodeConverter;

// phpcs:disable PSR1.Files.SideEffects
\defined('_JEXEC') or die;
// phpcs:enable PSR1.Files.SideEffects

/**
 * Turns `{otklik appeal org=demo-school}` shortcodes in articles, and in Custom modules with
 * "Prepare content" on, into Otklik mount points (see ShortcodeConverter). The loader script itself is
 * added by the "System - Otklik" plugin.
 */
final class Otklik extends CMSPlugin implements SubscriberInterface
{
    public static function getSubscribedEvents(): array
    {
        return ['onContentPrepare' => 'onContentPrepare'];
    }

    /**
     * Joomla 5 passes a ContentPrepareEvent; Joomla 4 a generic event whose arguments are
     * (context, item, params, page).
     */
    public function onContentPrepare(Event $event): void
    {
        if (class_exists(ContentPrepareEvent::class) && $event instanceof ContentPrepareEvent) {
            $context = $event->getContext();
            $item    = $event->getItem();
        } else {
            $arguments = array_values($event->getArguments());
            $context   = (string) ($arguments[0] ?? '');
            $item      = $arguments[1] ?? null;
        }

        // The search indexer indexes text, not widgets: leave it alone.
        if ($context === 'com_finder.indexer' || !\is_object($item) || !isset($item->text) || !\is_string($item->text)) {
            return;
        }

        if (stripos($item->text, '{otklik') === false) {
            return;
        }

        $item->text = ShortcodeConverter::convert($item->text);
    }
}
