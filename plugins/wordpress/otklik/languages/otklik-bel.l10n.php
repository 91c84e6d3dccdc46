<?php
/**
 * Belarusian translation (WordPress 6.5+ reads .l10n.php files; older versions show English).
 *
 * @package Otklik
 */

defined( 'ABSPATH' ) || exit;

return array(
	'domain'       => 'otklik',
	'language'     => 'bel',
	'plural-forms' => 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
	'messages'     => array(
		"block title\4Otklik"   => 'Водгук',
		"block description\4An Otklik widget: appeal form, appeal status, appeal counter, service rating, QR code or organisation search." => 'Віджэт «Водгук»: форма звароту, статус звароту, лічыльнік зваротаў, ацэнка якасці паслуг, QR-код або пошук арганізацыі.',
		"block keyword\4appeal"  => 'зварот',
		"block keyword\4counter" => 'лічыльнік',
		"block keyword\4rating"  => 'ацэнка',
		'A widget does not show?' => 'Віджэт не з’яўляецца?',
		'Add the "Otklik" block in the block editor, or write a shortcode in any text:' => 'Дадайце блок «Водгук» у рэдактары блокаў або напішыце шорткод у любым тэксце:',
		'Adding a widget'         => 'Як дадаць віджэт',
		'Address of the Otklik portal' => 'Адрас партала «Водгук»',
		'Content Security Policy' => 'Палітыка бяспекі змесціва (CSP)',
		'For example https://otklik.example.ru. Leave empty to stop adding the loader.' => 'Напрыклад, https://otklik.example.ru. Пакіньце пустым, каб не падключаць загрузчык.',
		'If the site sends a Content-Security-Policy header, it must allow the portal:' => 'Калі сайт адпраўляе загаловак Content-Security-Policy, у ім павінен быць дазволены партал:',
		'Open the page, press F12, choose Console and run Otklik.diagnose() — it explains what is wrong.' => 'Адкрыйце старонку, націсніце F12, выберыце «Кансоль» і выканайце Otklik.diagnose() — ён растлумачыць, што не так.',
		'Otklik'                  => 'Водгук',
		'Otklik settings'         => 'Налады «Водгуку»',
		'Otklik: enter your portal address in Settings → Otklik to show the widgets.' => '«Водгук»: укажыце адрас партала ў раздзеле Налады → Водгук, каб віджэты з’явіліся на сайце.',
		'Portal'                  => 'Партал',
		'Portal address'          => 'Адрас партала',
		'Settings'                => 'Налады',
		'The address of the Otklik portal your organisation uses. The widget loader is added to every page of the site once it is set.' => 'Адрас партала «Водгук», якім карыстаецца ваша арганізацыя. Калі ён указаны, загрузчык віджэтаў падключаецца на ўсіх старонках сайта.',
		'The portal address must be a full http or https address, such as https://otklik.example.ru, without a query or fragment. The address was not changed.' => 'Адрас партала павінен быць поўным адрасам http або https, напрыклад https://otklik.example.ru, без параметраў і якара. Адрас не зменены.',
		'Widgets: appeal, appeal-status, appeal-counter, rate, rating, qr, org-search. Options: variant, lang (ru, be, en), contrast="high".' => 'Віджэты: appeal (форма звароту), appeal-status (статус), appeal-counter (лічыльнік), rate (ацэнка), rating (рэйтынг), qr (QR-код), org-search (пошук арганізацыі). Параметры: variant, lang (ru, be, en), contrast="high".',
	),
);
