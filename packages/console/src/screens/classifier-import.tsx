import { OtklikProblemError } from '@otklik/client';
import type { ClassifierImportResult } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { type Translator, useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { CsvFileField } from '../kit/csv-file.tsx';
import { DataList } from '../kit/data-list.tsx';
import { fieldIssueText } from '../kit/errors.ts';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { Checkbox, TextArea } from '../kit/inputs.tsx';
import { kitMessages } from '../kit/kit.messages.ts';
import { loadApi } from './access-kit.tsx';
import { classifierImportMessages } from './classifier-import.messages.ts';

type KitT = Translator<keyof (typeof kitMessages)['ru'] & string>;

/** The figures a result text names. */
const figures = (o: ClassifierImportResult) => ({
  added: o.added,
  renamed: o.renamed,
  unchanged: o.unchanged,
  total: o.total,
});

const ImportForm = v.object({ csv: v.pipe(v.string(), v.minLength(1)), dryRun: v.boolean() });

/** A refused line: its number (from the issue's path `body.csv.N`) and what is wrong with it, in words. */
interface RefusedLine {
  line: number | null;
  message: string;
}

/** The refused lines of a 422, or `null` for any other failure (the form shows those itself). */
export function refusedLines(kit: KitT, error: unknown): { lines: RefusedLine[] } | null {
  if (!(error instanceof OtklikProblemError) || error.status !== 422) return null;
  const lines = error.issues
    .filter((i) => i.path.startsWith('body.csv'))
    .map((i) => {
      const n = /^body\.csv\.(\d+)$/.exec(i.path)?.[1];
      return { line: n === undefined ? null : Number(n), message: fieldIssueText(kit, i) };
    });
  return lines.length === 0 ? null : { lines };
}

/**
 * The portal administrator's import of the full thematic classifier from CSV: checked first (a dry
 * run says what would be added and renamed), every refused line listed with its number and reason.
 */
export function ImportClassifier() {
  const { t } = useT(classifierImportMessages);
  const kit = useT(kitMessages);
  const result = useSignal<ClassifierImportResult | null>(null);
  const refused = useSignal<ReturnType<typeof refusedLines>>(null);
  const form = useForm({
    schema: ImportForm,
    initial: { csv: '', dryRun: true },
    onSubmit: async (values) => {
      result.value = null;
      refused.value = null;
      try {
        const outcome = await (await loadApi()).importAppealClassifier(values);
        result.value = outcome;
        if (!outcome.dryRun) toast(t('importResult', figures(outcome)), 'success');
      } catch (error) {
        const lines = refusedLines(kit, error);
        if (lines === null) throw error;
        refused.value = lines;
      }
    },
  });
  const outcome = result.value;
  const refusal = refused.value;
  return (
    <section aria-labelledby="classifier-import">
      <form
        class="form narrow"
        ref={form.ref}
        onSubmit={form.submit}
        noValidate
        aria-labelledby="classifier-import"
      >
        <h2 id="classifier-import">{t('title')}</h2>
        <p>{t('text')}</p>
        <FormAlert error={form.formError} />
        <CsvFileField id="classifier-file" label={t('file')} onText={(text) => form.set('csv', text)} />
        <TextArea {...form.field('csv')} label={t('csv')} rows={6} spellcheck={false} required />
        <Checkbox {...form.field('dryRun')} label={t('dryRun')} hint={t('dryRunHint')} />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('checking')}>
            {form.values.value.dryRun ? t('check') : t('import')}
          </Button>
        </div>
      </form>
      <div role="status">
        {outcome && <p>{t(outcome.dryRun ? 'dryRunResult' : 'importResult', figures(outcome))}</p>}
        {refusal && (
          <>
            <p>
              <strong>{t('refusedTitle')}</strong>
            </p>
            <DataList
              caption={t('refusedCaption')}
              items={refusal.lines}
              rowKey={(r) => `${r.line}-${r.message}`}
              columns={[
                { id: 'line', header: t('colLine'), cell: (r) => r.line ?? '—' },
                { id: 'reason', header: t('colReason'), cell: (r) => r.message },
              ]}
            />
          </>
        )}
      </div>
    </section>
  );
}
