<?php

/**
 * @package     Otklik
 * @subpackage  plg_system_otklik
 * @license     MIT; see LICENSE
 */

namespace Otklik\Plugin\System\Otklik\Extension;

use Joomla\CMS\Document\HtmlDocument;
use Joomla\CMS\Plugin\CMSPlugin;
use Joomla\Event\SubscriberInterface;
use Otklik\Plugin\System\Otklik\Support\LoaderUrl;

// phpcs:disable PSR1.Files.SideEffects
\defined('_JEXEC') or die;
// phpcs:enable PSR1.Files.SideEffects

/**
 * Adds the Otklik loader `<script src="{portal}/otklik.js" defer>` once to every HTML page of the
 * site, through the Web Asset Manager, so that webmasters only paste mount points (or shortcodes).
 */
final class Otklik extends CMSPlugin implements SubscriberInterface
{
    /** The Web Asset Manager name of the loader; registering it twice still yields one tag. */
    public const ASSET = 'otklik.loader';

    public static function getSubscribedEvents(): array
    {
        // Before the head is rendered (and the asset manager locked).
        return ['onBeforeCompileHead' => 'addLoader'];
    }

    public function addLoader(): void
    {
        $app = $this->getApplication();

        if (!$app->isClient('site')) {
            return;
        }

        $document = $app->getDocument();

        if (!$document instanceof HtmlDocument) {
            return;
        }

        $url = LoaderUrl::fromPortal((string) $this->params->get('portal_url', ''));

        if ($url === null) {
            return;
        }

        $document->getWebAssetManager()->registerAndUseScript(self::ASSET, $url, [], ['defer' => true]);
    }
}
