/** @jsxRuntime classic */
/** @jsx h */
/**
 * The rating form: the service received, the date, a 1–5 score for every criterion (native radio
 * groups, so arrow keys move within a group), an optional comment, the identity step where the
 * organisation asks for one, and sending under one idempotency key per "Send" action.
 *
 * A class component with classic JSX: `preact/hooks` and Preact's jsx-runtime are used by the appeal
 * widgets only; were the rating form to use them too, they would leave the appeal pages' chunk for a
 * chunk of their own (one more file, and more bytes, on those pages).
 */
import type {
  LocalizedText,
  OtklikProblemError,
  PowSolution,
  RatingReceipt,
  Service,
  submitRatingEndpoint,
  WidgetSettings,
} from '@otklik/client';
import { fetchRoute, submitRatingRoute } from '@otklik/client';
import { formatDate, type Language, type Portal, reportError, retryMinutes } from '@otklik/widget-core';
import type { Verified } from '@otklik/widget-core/identity';
import type { ProofOfWork } from '@otklik/widget-core/proof-of-work';
import { Component, h, type VNode } from 'preact';
import { addDays, dateProblem, todayIn } from './dates.ts';
import { deviceId, randomId } from './device.ts';
import type { IdentityModule, T } from './types.ts';

/** More services than this get a filter box above the list. */
export const FILTER_FROM = 9;

export interface FormProps {
  t: T;
  lang: Language;
  host: HTMLElement;
  portal: Portal;
  organizationId: string;
  settings: WidgetSettings;
  services: Service[];
  /** The identity step's chunk, when the organisation asks for identification. */
  identity?: IdentityModule | undefined;
  onRated: (receipt: RatingReceipt) => void;
}

/** Error message by field: `service`, `date`, `score.<criterion>`, `comment`, `identity`. */
export type Errors = Record<string, string>;
export type Phase = 'idle' | 'preparing' | 'sending' | 'offline' | 'failed';

interface State {
  serviceId: string;
  date: string;
  scores: Record<string, number>;
  comment: string;
  filter: string;
  verified: Verified | null;
  errors: Errors;
  summary: string;
  phase: Phase;
  message: string;
  /** Bumped when errors are shown: focus then moves to the first invalid field. */
  focus: number;
}

/** A text in the page's language, else the first language it was written in. */
export const localized = (text: LocalizedText, lang: Language) =>
  text[lang] ?? text.ru ?? text.be ?? text.en ?? '';

const marker = (t: T) => (
  <span class="req" title={t.t('required')} aria-hidden="true">
    {' *'}
  </span>
);

/** A labelled control with its hint and error, tied together by `aria-describedby`. */
function field(
  id: string,
  label: string,
  t: T,
  error: string | undefined,
  hint: VNode | string | undefined,
  control: (aria: Record<string, unknown>) => VNode,
  required = true,
) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && marker(t)}
      </label>
      {control({
        id,
        required,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The client error's kind (`problem`, `network`, `timeout`, …). */
const kindOf = (error: unknown) => (error as { kind?: string } | null)?.kind;

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

/** A calendar date in words: `23 августа 2026 г.` */
const day = (lang: Language, date: string) =>
  formatDate(lang, date, { day: 'numeric', month: 'long', year: 'numeric' });

export class RateForm extends Component<FormProps, State> {
  private form: HTMLFormElement | null = null;
  private alive = new AbortController();
  /** Set synchronously on "Send", so a double click cannot start a second submission. */
  private sending = false;
  /** The submission in flight or lost on the network: a retry reuses its key and proof of work. */
  private pending: { key: string; pow: PowSolution; what: string } | null = null;
  /** Solving starts as the form opens; its code (and the solver) is a chunk of its own. */
  private pow: Promise<ProofOfWork>;
  /** Today in the organisation's time zone, and the earliest service date accepted. */
  private max: string;
  private min: string;

  constructor(props: FormProps) {
    super(props);
    this.max = todayIn(props.settings.timeZone);
    this.min = addDays(this.max, -props.settings.ratings.serviceDateMaxAgeDays);
    this.state = {
      serviceId: props.services.length === 1 ? (props.services[0] as Service).id : '',
      date: this.max,
      scores: {},
      comment: '',
      filter: '',
      verified: null,
      errors: {},
      summary: '',
      phase: 'idle',
      message: '',
      focus: 0,
    };
    this.pow = import('@otklik/widget-core/proof-of-work').then(({ startProofOfWork }) =>
      startProofOfWork(props.portal, props.organizationId, this.alive.signal, () => !!this.pending),
    );
  }

  override componentWillUnmount() {
    this.alive.abort();
  }

  override componentDidUpdate(_: FormProps, previous: State) {
    if (this.state.focus !== previous.focus)
      (this.form?.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }

  /** Sets a value and clears its error (from the latest state: two changes may come before a render). */
  private set(patch: (state: State) => Partial<State>, errorKey: string) {
    this.setState((state) => {
      const { [errorKey]: _, ...errors } = state.errors;
      return { ...patch(state), errors } as State;
    });
  }

  private showErrors(errors: Errors, summary?: string) {
    const count = Object.keys(errors).length;
    this.setState({
      errors,
      summary: summary ?? (count ? this.props.t.t('errSummary', { count }) : ''),
      focus: this.state.focus + 1,
    });
  }

  private dateError(date: string, bad?: boolean): string | undefined {
    const { t, lang, settings } = this.props;
    const problem = bad ? 'invalid' : dateProblem(date, this.min, this.max);
    if (problem === 'missing') return t.t('errDate');
    if (problem === 'invalid') return t.t('errDateBad');
    if (problem === 'future') return t.t('errFuture', { date: day(lang, this.max) });
    if (problem === 'old')
      return t.t('errOld', { count: settings.ratings.serviceDateMaxAgeDays, date: day(lang, this.min) });
    return undefined;
  }

  private needsIdentity(): boolean {
    const { ratings } = this.props.settings;
    return !!this.props.identity && ratings.identification === 'required' && !this.state.verified;
  }

  /** The checks made before sending (the portal checks again). */
  validate(): Errors {
    const { t, settings } = this.props;
    const { serviceId, date, scores, comment } = this.state;
    const found: Errors = {};
    if (!serviceId) found.service = t.t('errService');
    // A half-typed date reads as "": the input's own validity tells it from an empty one.
    const input = this.form?.querySelector<HTMLInputElement>('#f-date');
    const dateError = this.dateError(date, !date && !!input?.validity?.badInput);
    if (dateError) found.date = dateError;
    for (const criterion of settings.ratings.criteriaSet.criteria)
      if (!scores[criterion.id]) found[`score.${criterion.id}`] = t.t('errScore');
    const max = settings.ratings.commentMaxLength;
    if (max > 0 && comment.length > max) found.comment = t.t('errTooLong', { max });
    if (this.needsIdentity()) found.identity = t.t('errVerify');
    return found;
  }

  submit = async (event?: Event) => {
    event?.preventDefault();
    if (this.sending) return;
    const found = this.validate();
    if (Object.keys(found).length) return this.showErrors(found);
    const { t, portal, organizationId, lang, settings } = this.props;
    const { serviceId, date, scores, comment, verified } = this.state;
    const text = settings.ratings.commentMaxLength > 0 ? comment.trim() : '';
    // What is being rated: a retry after a lost response sends the same rating under the same key;
    // a rating changed since is a new one.
    const what = JSON.stringify([serviceId, date, scores, text, verified?.token]);
    if (this.pending?.what !== what) this.pending = null;
    this.sending = true;
    this.setState({ errors: {}, summary: '', message: '' });
    const signal = this.alive.signal;
    try {
      if (!this.pending) {
        this.setState({ phase: 'preparing' });
        const pow = await (await this.pow).solution();
        // One key per "Send", made when it is pressed; retries of the same rating reuse it.
        this.pending = { key: randomId(), pow, what };
      }
      this.setState({ phase: 'sending' });
      const receipt = await fetchRoute<typeof submitRatingEndpoint>(
        portal,
        submitRatingRoute,
        {
          params: { organizationId },
          body: {
            serviceId,
            serviceDate: date,
            scores,
            ...(text ? { comment: text } : {}),
            ...(verified ? { identityToken: verified.token } : {}),
            deviceId: deviceId(),
            language: lang,
            proofOfWork: this.pending.pow,
          },
          idempotencyKey: this.pending.key,
        },
        { signal, timeout: 20_000 },
      );
      this.pending = null;
      (await this.pow).drop();
      this.setState({ phase: 'idle' });
      this.props.onRated(receipt);
    } catch (error) {
      if (signal.aborted) return;
      const kind = kindOf(error);
      if (kind === 'network' || kind === 'timeout') {
        this.setState({ phase: 'offline', message: t.t(this.pending ? 'notSent' : 'networkError') });
        return;
      }
      // The portal refused: nothing was stored, so the next attempt is a new submission.
      this.pending = null;
      this.pow.then((p) => p.solve()).catch(() => {});
      this.setState({ phase: 'failed' });
      this.refused(error as OtklikProblemError, kind === 'problem');
    } finally {
      this.sending = false;
    }
  };

  /** Turns the portal's refusal into field errors or a plain message. */
  private refused(problem: OtklikProblemError, isProblem: boolean) {
    const { t, settings } = this.props;
    const code = isProblem ? problem.code : '';
    const say = (message: string) => this.setState({ message });
    if (code === 'already-rated') return say(t.t('alreadyRated'));
    if (code === 'ratings-disabled') return say(t.t('disabled'));
    if (code === 'rate-limited') return say(t.t('rateLimited', { count: retryMinutes(problem.retryAfter) }));
    if (code === 'identity-required' || code === 'identity-invalid') {
      this.setState({ verified: null });
      return this.showErrors({ identity: t.t('errVerify') });
    }
    const found: Errors = {};
    for (const issue of isProblem ? problem.issues : []) {
      const [name, criterion] = issue.path.replace(/^body\./, '').split('.');
      if (name === 'serviceId') found.service = t.t('errService');
      // The portal counts today in the organisation's time zone too; the clocks may differ a little.
      if (name === 'serviceDate')
        found.date =
          this.dateError(this.state.date) ??
          this.dateError(this.state.date >= this.max ? addDays(this.max, 1) : addDays(this.min, -1)) ??
          '';
      if (name === 'scores') found[`score.${criterion ?? ''}`] = t.t('errScore');
      if (name === 'comment') found.comment = t.t('errTooLong', { max: settings.ratings.commentMaxLength });
      if (name === 'identityToken') found.identity = t.t('errVerify');
    }
    if (Object.keys(found).length) return this.showErrors(found);
    say(t.t('failed'));
    reportError(this.props.host, 'rate', problem);
  }

  render() {
    const { t, lang, settings, services, identity, portal, organizationId } = this.props;
    const { ratings } = settings;
    const { serviceId, date, scores, comment, filter, errors, summary, phase, message } = this.state;
    const busy = phase === 'preparing' || phase === 'sending';
    const many = services.length >= FILTER_FROM;
    const words = filter.trim().toLocaleLowerCase(lang);
    const shown = words
      ? services.filter((s) => s.id === serviceId || s.name.toLocaleLowerCase(lang).includes(words))
      : services;
    const chosen = services.find((s) => s.id === serviceId);
    const max = ratings.commentMaxLength;
    const left = max - comment.length;
    return (
      <form
        ref={(el) => {
          this.form = el;
        }}
        class="box rate"
        noValidate
        onSubmit={this.submit}
        aria-labelledby="rate-title"
      >
        <h2 id="rate-title">
          {t.t('title')}
          <span class="sr">: </span>
          <span class="org">{this.props.settings.organizationName}</span>
        </h2>
        <p class="hint">{t.t('intro')}</p>
        {summary && (
          <p class="alert" role="alert">
            {summary}
          </p>
        )}
        {many && (
          <div class="field">
            <label for="f-filter">{t.t('filter')}</label>
            <input
              id="f-filter"
              type="search"
              autocomplete="off"
              aria-controls="f-service"
              aria-describedby="f-found"
              value={filter}
              onInput={(event) => this.setState({ filter: valueOf(event) })}
            />
            <p id="f-found" class="hint" role="status">
              {words ? t.t('found', { count: shown.length }) : ''}
            </p>
          </div>
        )}
        {field('f-service', t.t('service'), t, errors.service, chosen?.description ?? undefined, (aria) => (
          <select
            {...aria}
            value={serviceId}
            onChange={(event) => this.set(() => ({ serviceId: valueOf(event) }), 'service')}
          >
            <option value="">{t.t('choose')}</option>
            {shown.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        ))}
        {field(
          'f-date',
          t.t('date'),
          t,
          errors.date,
          t.t('dateHint', { from: day(lang, this.min) }),
          (aria) => (
            <input
              {...aria}
              type="date"
              min={this.min}
              max={this.max}
              value={date}
              onInput={(event) => this.set(() => ({ date: valueOf(event) }), 'date')}
            />
          ),
        )}
        <p class="hint">{t.t('scores')}</p>
        {ratings.criteriaSet.criteria.map((criterion) => {
          const key = `score.${criterion.id}`;
          const error = errors[key];
          const id = `f-score-${criterion.id}`;
          return (
            <fieldset key={criterion.id} aria-describedby={error ? `${id}-error` : undefined}>
              <legend>
                {localized(criterion.label, lang)}
                {marker(t)}
              </legend>
              <div class="scale">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label class="choice" key={n}>
                    <input
                      type="radio"
                      name={`score-${criterion.id}`}
                      id={n === 1 ? id : undefined}
                      value={n}
                      required
                      checked={scores[criterion.id] === n}
                      aria-invalid={error ? 'true' : undefined}
                      onChange={() =>
                        this.set((state) => ({ scores: { ...state.scores, [criterion.id]: n } }), key)
                      }
                    />
                    {`${n} — ${t.t(`s${n}` as 's1')}`}
                  </label>
                ))}
              </div>
              {error && (
                <p id={`${id}-error`} class="error">
                  {error}
                </p>
              )}
            </fieldset>
          );
        })}
        {max > 0 &&
          field(
            'f-comment',
            t.t('comment'),
            t,
            errors.comment,
            left >= 0 ? t.t('left', { count: left, max }) : t.t('over', { count: -left, max }),
            (aria) => (
              <textarea
                {...aria}
                value={comment}
                onInput={(event) => this.set(() => ({ comment: valueOf(event) }), 'comment')}
              />
            ),
            false,
          )}
        {identity && (
          <identity.IdentityStep
            lang={lang}
            portal={portal}
            organizationId={organizationId}
            methods={ratings.identity}
            purpose="rating"
            required={ratings.identification === 'required'}
            error={errors.identity}
            verified={this.state.verified}
            onVerified={(verified) => this.set(() => ({ verified }), 'identity')}
            signal={this.alive.signal}
          />
        )}
        <div aria-live="polite" class="field">
          {busy && <p class="hint">{t.t(phase === 'preparing' ? 'preparing' : 'sending')}</p>}
          {message && (
            <p class="alert" role="alert">
              {message}
            </p>
          )}
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
            {t.t(phase === 'offline' && this.pending ? 'retry' : 'submit')}
          </button>
        </div>
      </form>
    );
  }
}
