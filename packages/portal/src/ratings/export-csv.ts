/** The layout of the ratings export: one row per rating, a score column per criterion, in Russian. */
import { type CsvSeparator, csvRow, UTF8_BOM } from '../http/csv.ts';
import type { CriterionColumn, ExportRating } from './staff-reads.ts';

const LEADING = [
  'Номер оценки',
  'Дата и время оценки',
  'Код организации',
  'Организация',
  'Код услуги',
  'Услуга',
  'Дата оказания услуги',
];
const TRAILING = ['Средняя оценка', 'Оценка идентифицирована', 'Комментарий'];

/** The header, then one chunk of rows per batch; the byte order mark opens the file. */
export async function* ratingsCsv(
  criteria: readonly CriterionColumn[],
  batches: AsyncIterable<readonly ExportRating[]>,
  separator: CsvSeparator,
): AsyncGenerator<string> {
  const labels = criteria.map((c) => c.label.ru ?? c.label.be ?? c.label.en ?? c.id);
  yield UTF8_BOM + csvRow([...LEADING, ...labels, ...TRAILING], separator);
  for await (const batch of batches) {
    yield batch
      .map((r) =>
        csvRow(
          [
            r.id,
            r.ratedAt,
            r.organizationId,
            r.organizationName,
            r.serviceId,
            r.serviceName,
            r.serviceDate,
            ...criteria.map((c) => r.scores[c.id] ?? null),
            r.average,
            r.identified ? 'да' : 'нет',
            r.comment,
          ],
          separator,
        ),
      )
      .join('');
  }
}
