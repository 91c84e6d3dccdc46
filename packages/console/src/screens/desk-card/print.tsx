import './card.css';
import { useRoute } from 'preact-iso/router';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { language } from '../../i18n/language.ts';
import { useT } from '../../i18n/translate.ts';
import { Button } from '../../kit/button.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { paths } from '../../routes.ts';
import { timeZone } from '../../session.ts';
import { SignedIn } from '../access-kit.tsx';
import { cardMessages } from './card.messages.ts';
import { applicantName, type CardData, loadCardData } from './card-data.ts';

/**
 * The paper file (A4, `styles/print.css`): the registration card, or the answer with its approver.
 * The screen shows the same sheet with a Print button; the console's chrome is not printed.
 */
export default function AppealPrintScreen() {
  const { params } = useRoute();
  const appealId = params.id ?? '';
  const kind = params.kind === 'answer' ? 'answer' : 'card';
  const { t } = useT(cardMessages);
  const load = useLoad((signal) => loadCardData(appealId, signal), [appealId]);
  return (
    <>
      {load.state !== 'ready' && <PageHeader title={t(kind === 'answer' ? 'printAnswer' : 'printCard')} />}
      <SignedIn>
        {() => (
          <Loaded load={load}>
            {(data) => (kind === 'answer' ? <AnswerSheet data={data} /> : <CardSheet data={data} />)}
          </Loaded>
        )}
      </SignedIn>
    </>
  );
}

function SheetActions({ appealId }: { appealId: string }) {
  const { t } = useT(cardMessages);
  return (
    <span class="form-actions no-print">
      <Button onClick={() => window.print()}>{t('print')}</Button>
      <a class="button button--secondary" href={paths.appeal(appealId)}>
        {t('back')}
      </a>
    </span>
  );
}

function CardSheet({ data }: { data: CardData }) {
  const { t } = useT(cardMessages);
  const { appeal, card } = data;
  const tz = timeZone.value;
  const lang = language.value;
  const a = appeal.applicant;
  return (
    <article class="print-sheet">
      <PageHeader
        title={`${t('printCard')} · ${appeal.registrationNumber}`}
        description={appeal.organizationName}
        actions={<SheetActions appealId={appeal.appealId} />}
      />
      <table class="print-table">
        <tbody>
          <tr>
            <th scope="row">{t('registered', { date: '' }).trim()}</th>
            <td>{formatDateTime(lang, appeal.registeredAt, tz)}</td>
          </tr>
          <tr>
            <th scope="row">{t('type')}</th>
            <td>{t(`type.${appeal.type}`)}</td>
          </tr>
          <tr>
            <th scope="row">{t('applicant')}</th>
            <td>{applicantName(a) || '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('email')}</th>
            <td>{a.email ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('address')}</th>
            <td>{a.postalAddress ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('topic')}</th>
            <td>{appeal.topicName ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('status')}</th>
            <td>{t(`status.${appeal.status}`)}</td>
          </tr>
          <tr>
            <th scope="row">{t('legalDue')}</th>
            <td>{formatDate(lang, appeal.dueDate, tz)}</td>
          </tr>
          <tr>
            <th scope="row">{t('executor')}</th>
            <td>{card.executor?.name ?? t('nobody')}</td>
          </tr>
          <tr>
            <th scope="row">{t('attachments')}</th>
            <td>{appeal.attachments.map((f) => f.name).join(', ') || '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('textTitle')}</h2>
      <p class="card-text">{appeal.text ?? t('noText')}</p>
      <p class="print-signature">{t('signature')}: ____________________</p>
      <p class="card-muted">{t('printedOn', { date: formatDate(lang, new Date(), tz) })}</p>
    </article>
  );
}

function AnswerSheet({ data }: { data: CardData }) {
  const { t } = useT(cardMessages);
  const { appeal, card } = data;
  const tz = timeZone.value;
  const lang = language.value;
  const a = appeal.applicant;
  const answer = appeal.answer;
  return (
    <article class="print-sheet">
      <PageHeader
        title={`${t('printAnswer')} · ${appeal.registrationNumber}`}
        description={appeal.organizationName}
        actions={<SheetActions appealId={appeal.appealId} />}
      />
      <p class="print-addressee">
        {applicantName(a)}
        {a.postalAddress && (
          <>
            <br />
            {a.postalAddress}
          </>
        )}
        {a.email && (
          <>
            <br />
            {a.email}
          </>
        )}
      </p>
      {answer ? (
        <>
          <p class="card-muted">{formatDate(lang, answer.at, tz)}</p>
          <p class="card-text">{answer.text}</p>
        </>
      ) : (
        <p class="card-text">{card.draft?.text ?? '—'}</p>
      )}
      {card.draft?.approvedBy && card.draft.approvedAt && (
        <p>
          {t('approvedBy', {
            name: card.draft.approvedBy,
            at: formatDateTime(lang, card.draft.approvedAt, tz),
          })}
        </p>
      )}
      <p class="print-signature">{t('signature')}: ____________________</p>
    </article>
  );
}
