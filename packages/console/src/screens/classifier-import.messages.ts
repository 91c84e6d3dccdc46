import { defineMessages } from '@otklik/widget-core';

/** Texts of the portal administrator's import of the thematic classifier of appeals. */
export const classifierImportMessages = defineMessages({
  ru: {
    title: 'Тематический классификатор обращений',
    text: 'Полный перечень кодов, по которым организации отчитываются (ССТУ). Файл CSV: в каждой строке код из четырёх групп по четыре цифры и название, через точку с запятой или запятую, например 0002.0013.0141.0812;Организация обучения. Строка заголовка пропускается. Новые коды добавляются, у известных обновляется название; если хоть одна строка неверна, не меняется ничего.',
    file: 'Файл классификатора (CSV)',
    csv: 'Классификатор в формате CSV',
    dryRun: 'Только проверить классификатор',
    dryRunHint: 'Покажет, что будет добавлено и переименовано, ничего не меняя',
    check: 'Проверить классификатор',
    import: 'Загрузить классификатор',
    checking: 'Проверяем…',
    dryRunResult:
      'Проверка: будет добавлено {added}, переименовано {renamed}, без изменений {unchanged}. В классификаторе станет {total} кодов. Ничего не изменено.',
    importResult:
      'Загружено: добавлено {added}, переименовано {renamed}, без изменений {unchanged}. В классификаторе {total} кодов.',
    refusedTitle: 'Файл не принят: ничего не загружено',
    refusedCaption: 'Строки с ошибками',
    colLine: 'Строка',
    colReason: 'Что не так',
    failed: 'Не удалось загрузить',
  },
  be: {
    title: 'Тэматычны класіфікатар зваротаў',
    text: 'Поўны пералік кодаў, па якіх арганізацыі адчытваюцца. Файл CSV: у кожным радку код з чатырох груп па чатыры лічбы і назва, праз кропку з коскай або коску, напрыклад 0002.0013.0141.0812;Арганізацыя навучання. Радок загалоўка прапускаецца. Новыя коды дадаюцца, у вядомых абнаўляецца назва; калі хоць адзін радок няправільны, не мяняецца нічога.',
    file: 'Файл класіфікатара (CSV)',
    csv: 'Класіфікатар у фармаце CSV',
    dryRun: 'Толькі праверыць класіфікатар',
    dryRunHint: 'Пакажа, што будзе дададзена і перайменавана, нічога не мяняючы',
    check: 'Праверыць класіфікатар',
    import: 'Загрузіць класіфікатар',
    checking: 'Правяраем…',
    dryRunResult:
      'Праверка: будзе дададзена {added}, перайменавана {renamed}, без змен {unchanged}. У класіфікатары стане {total} кодаў. Нічога не зменена.',
    importResult:
      'Загружана: дададзена {added}, перайменавана {renamed}, без змен {unchanged}. У класіфікатары {total} кодаў.',
    refusedTitle: 'Файл не прыняты: нічога не загружана',
    refusedCaption: 'Радкі з памылкамі',
    colLine: 'Радок',
    colReason: 'Што не так',
    failed: 'Не ўдалося загрузіць',
  },
  en: {
    title: 'Thematic classifier of appeals',
    text: 'The full list of codes organisations report under. A CSV file: on each line a code of four groups of four digits and its title, separated by a semicolon or a comma, e.g. 0002.0013.0141.0812;Organisation of teaching. A header line is skipped. New codes are added, known ones renamed; if any line is wrong, nothing changes.',
    file: 'Classifier file (CSV)',
    csv: 'Classifier as CSV',
    dryRun: 'Check the classifier only',
    dryRunHint: 'Shows what would be added and renamed, changing nothing',
    check: 'Check the classifier',
    import: 'Import the classifier',
    checking: 'Checking…',
    dryRunResult:
      'Check: {added} to add, {renamed} to rename, {unchanged} unchanged. The classifier would hold {total} codes. Nothing changed.',
    importResult:
      'Imported: {added} added, {renamed} renamed, {unchanged} unchanged. The classifier holds {total} codes.',
    refusedTitle: 'The file was refused: nothing imported',
    refusedCaption: 'Lines with errors',
    colLine: 'Line',
    colReason: 'What is wrong',
    failed: 'Could not import',
  },
});
