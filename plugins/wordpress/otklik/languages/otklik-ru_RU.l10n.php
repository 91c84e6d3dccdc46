<?php
/**
 * Russian translation (WordPress 6.5+ reads .l10n.php files; older versions show English).
 *
 * @package Otklik
 */

defined( 'ABSPATH' ) || exit;

return array(
	'domain'       => 'otklik',
	'language'     => 'ru_RU',
	'plural-forms' => 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
	'messages'     => array(
		"block title\4Otklik"   => 'Отклик',
		"block description\4An Otklik widget: appeal form, appeal status, appeal counter, service rating, QR code or organisation search." => 'Виджет «Отклик»: форма обращения, статус обращения, счётчик обращений, оценка качества услуг, QR-код или поиск организации.',
		"block keyword\4appeal"  => 'обращение',
		"block keyword\4counter" => 'счётчик',
		"block keyword\4rating"  => 'оценка',
		'A widget does not show?' => 'Виджет не появляется?',
		'Add the "Otklik" block in the block editor, or write a shortcode in any text:' => 'Добавьте блок «Отклик» в редакторе блоков или напишите шорткод в любом тексте:',
		'Adding a widget'         => 'Как добавить виджет',
		'Address of the Otklik portal' => 'Адрес портала «Отклик»',
		'Content Security Policy' => 'Политика безопасности содержимого (CSP)',
		'For example https://otklik.example.ru. Leave empty to stop adding the loader.' => 'Например, https://otklik.example.ru. Оставьте пустым, чтобы не подключать загрузчик.',
		'If the site sends a Content-Security-Policy header, it must allow the portal:' => 'Если сайт отправляет заголовок Content-Security-Policy, в нём должен быть разрешён портал:',
		'Open the page, press F12, choose Console and run Otklik.diagnose() — it explains what is wrong.' => 'Откройте страницу, нажмите F12, выберите «Консоль» и выполните Otklik.diagnose() — он объяснит, что не так.',
		'Otklik'                  => 'Отклик',
		'Otklik settings'         => 'Настройки «Отклика»',
		'Otklik: enter your portal address in Settings → Otklik to show the widgets.' => '«Отклик»: укажите адрес портала в разделе Настройки → Отклик, чтобы виджеты появились на сайте.',
		'Portal'                  => 'Портал',
		'Portal address'          => 'Адрес портала',
		'Settings'                => 'Настройки',
		'The address of the Otklik portal your organisation uses. The widget loader is added to every page of the site once it is set.' => 'Адрес портала «Отклик», которым пользуется ваша организация. Когда он указан, загрузчик виджетов подключается на всех страницах сайта.',
		'The portal address must be a full http or https address, such as https://otklik.example.ru, without a query or fragment. The address was not changed.' => 'Адрес портала должен быть полным адресом http или https, например https://otklik.example.ru, без параметров и якоря. Адрес не изменён.',
		'Widgets: appeal, appeal-status, appeal-counter, rate, rating, qr, org-search. Options: variant, lang (ru, be, en), contrast="high".' => 'Виджеты: appeal (форма обращения), appeal-status (статус), appeal-counter (счётчик), rate (оценка), rating (рейтинг), qr (QR-код), org-search (поиск организации). Параметры: variant, lang (ru, be, en), contrast="high".',
	),
);
