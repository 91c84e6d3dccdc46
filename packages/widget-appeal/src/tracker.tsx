/**
 * The appeal status tracker: opened from the private link (`#otklik-appeal=<id>.<secret>` in the URL
 * fragment; the secret goes only to the portal, as `Authorization: Bearer`). Shows status, history,
 * due date, answer and messages; the citizen may add a clarification, rate the answer and withdraw.
 * Without a link: the "lost my link" form. Loaded lazily by the appeal form; the `appeal-status` entry
 * imports it directly.
 */
import type {
  AppealView,
  addAppealMessageEndpoint,
  getAppealEndpoint,
  OtklikProblemError,
  rateAppealAnswerEndpoint,
  requestLostLinkEndpoint,
  withdrawAppealEndpoint,
} from '@otklik/client';
import {
  addAppealMessageRoute,
  fetchRoute,
  getAppealRoute,
  rateAppealAnswerRoute,
  requestLostLinkRoute,
  withdrawAppealRoute,
} from '@otklik/client';
import { createTranslator, emit, portalOf, reportError, type Translator } from '@otklik/widget-core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Files } from './files.tsx';
import { trackerMessages } from './tracker-messages.ts';
import type { Props } from './types.ts';
import {
  dateText,
  EMAIL,
  Field,
  kindOf,
  Marker,
  notAllowedError,
  notAllowedHere,
  pageUrl,
  useLink,
  valueOf,
  withNumber,
} from './ui.tsx';

type T = Translator<keyof (typeof trackerMessages)['ru']>;
type Link = { appealId: string; secret: string };

export function Tracker(props: Props) {
  const link = useLink();
  const t: T = useMemo(() => createTranslator(trackerMessages, props.lang), [props.lang]);
  return link ? (
    <Status key={`${link.appealId}.${link.secret}`} {...props} t={t} link={link} />
  ) : (
    <LostLink {...props} t={t} />
  );
}

type Load =
  | { state: 'loading' }
  | { state: 'bad-link' }
  | { state: 'error' }
  | { state: 'ok'; view: AppealView };

function Status(props: Props & { t: T; link: Link }) {
  const { t, link, config, host } = props;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const alive = useRef(new AbortController());
  useEffect(() => {
    fetchRoute<typeof getAppealEndpoint>(
      portalOf(config),
      getAppealRoute,
      { params: { appealId: link.appealId }, accessSecret: link.secret },
      { signal: alive.current.signal },
    )
      .then((view) => {
        if (typeof view?.registrationNumber !== 'string' || !Array.isArray(view.history))
          throw Object.assign(new Error('appeal'), { kind: 'response-shape' });
        setLoad({ state: 'ok', view });
        emit(host, 'ready', { widget: 'appeal-status' });
      })
      .catch((error: unknown) => {
        if (alive.current.signal.aborted) return;
        const status = (error as OtklikProblemError).status;
        if (notAllowedHere(error)) {
          setLoad({ state: 'error' });
          reportError(host, 'appeal-status', notAllowedError(props.options.org));
        } else if (kindOf(error) === 'problem' && [401, 403, 404].includes(status))
          setLoad({ state: 'bad-link' });
        else {
          setLoad({ state: 'error' });
          reportError(host, 'appeal-status', error);
        }
      });
    return () => alive.current.abort();
  }, []);

  if (load.state === 'loading')
    return (
      <div class="box appeal" aria-busy="true">
        <p class="muted">{t.t('loading')}</p>
      </div>
    );
  if (load.state === 'error')
    return (
      <p class="error" role="status">
        {t.t('unavailable')}
      </p>
    );
  if (load.state === 'bad-link')
    return (
      <div class="appeal">
        <p class="alert" role="alert">
          {t.t('badLink')}
        </p>
        <LostLink {...props} />
      </div>
    );
  return (
    <View
      {...props}
      view={load.view}
      onView={(view) => setLoad({ state: 'ok', view })}
      signal={alive.current.signal}
    />
  );
}

type Action = 'message' | 'rating' | 'withdraw';

function View(
  props: Props & { t: T; link: Link; view: AppealView; onView(view: AppealView): void; signal: AbortSignal },
) {
  const { t, link, view, config, host, signal } = props;
  const lang = t.lang;
  /** Every date in the organisation's time zone, as the due date is. */
  const zone = view.timeZone;
  const when = (at: string) => (
    <time dateTime={at} class="nowrap">
      {dateText(lang, at, zone)}
    </time>
  );
  /** What every file list of this appeal needs to download with the appeal's secret. */
  const files = {
    appealId: link.appealId,
    secret: link.secret,
    config,
    host,
    lang,
    t: (key: 'attachments' | 'downloadFailed') => t.t(key),
  };
  const [text, setText] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<Action | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Action, string>>>({});
  const [done, setDone] = useState('');
  /** One idempotency key per action until it succeeds, so a retry never repeats it. */
  const keys = useRef<Partial<Record<Action, string>>>({});

  async function run(action: Action, call: (key: string) => Promise<AppealView>) {
    const key = (keys.current[action] ??= crypto.randomUUID());
    setBusy(action);
    setErrors({});
    setDone('');
    try {
      props.onView(await call(key));
      delete keys.current[action];
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      const kind = kindOf(error);
      // Refused by the portal: nothing happened, so the next attempt is a new action.
      if (kind === 'problem') delete keys.current[action];
      setErrors({ [action]: t.t('failed') });
      if (kind !== 'network' && kind !== 'timeout') reportError(host, 'appeal-status', error);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const base = { params: { appealId: link.appealId }, accessSecret: link.secret };
  const portal = portalOf(config);
  const sendMessage = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return setErrors({ message: t.t('errRequired') });
    if (
      await run('message', (idempotencyKey) =>
        fetchRoute<typeof addAppealMessageEndpoint>(
          portal,
          addAppealMessageRoute,
          { ...base, body: { text: text.trim() }, idempotencyKey },
          { signal },
        ),
      )
    ) {
      setText('');
      setDone(t.t('messageSent'));
    }
  };
  const sendRating = async (event: Event) => {
    event.preventDefault();
    if (!score) return setErrors({ rating: t.t('chooseScore') });
    await run('rating', (idempotencyKey) =>
      fetchRoute<typeof rateAppealAnswerEndpoint>(
        portal,
        rateAppealAnswerRoute,
        { ...base, body: comment.trim() ? { score, comment: comment.trim() } : { score }, idempotencyKey },
        { signal },
      ),
    );
  };
  const withdraw = async () => {
    if (
      await run('withdraw', (idempotencyKey) =>
        fetchRoute<typeof withdrawAppealEndpoint>(
          portal,
          withdrawAppealRoute,
          { ...base, idempotencyKey },
          { signal },
        ),
      )
    )
      setConfirming(false);
  };

  const statusName = (status: AppealView['status']) =>
    t.t(status === 'registered' ? 'registered_status' : status);
  const error = (action: Action) =>
    errors[action] && (
      <p id={`${action}-error`} class="error" role="alert">
        {errors[action]}
      </p>
    );

  return (
    <section class="box appeal" aria-labelledby="status-title">
      <h2 id="status-title">
        {withNumber(t.t('title', { number: view.registrationNumber }), view.registrationNumber)}
      </h2>
      <dl>
        <dt>{t.t('organization')}</dt>
        <dd>{view.organizationName}</dd>
        <dt>{t.t('type')}</dt>
        <dd>{t.t(view.type)}</dd>
        {view.sent?.topic && (
          <>
            <dt>{t.t('topic')}</dt>
            <dd class="topic">{view.sent.topic}</dd>
          </>
        )}
        <dt>{t.t('registered')}</dt>
        <dd>{when(view.registeredAt)}</dd>
        <dt>{t.t('status')}</dt>
        <dd class="status">{statusName(view.status)}</dd>
        {view.result && (
          <>
            <dt>{t.t('result')}</dt>
            <dd class="result">{t.t(view.result)}</dd>
          </>
        )}
        <dt>{t.t('due')}</dt>
        <dd class="due">
          <time dateTime={view.dueDate} class="nowrap">
            {dateText(lang, view.dueDate)}
          </time>
        </dd>
      </dl>

      {view.sent && (
        <details class="sent">
          <summary>{t.t('sentText')}</summary>
          <p class="pre">{view.sent.text}</p>
        </details>
      )}

      <h3>{t.t('history')}</h3>
      <ol class="history">
        {view.history.map((entry, i) => (
          <li key={i}>
            {when(entry.at)} — {statusName(entry.status)}
            {entry.note && <span class="muted"> ({entry.note})</span>}
          </li>
        ))}
      </ol>
      <Files {...files} files={view.attachments ?? []} />

      {view.answer && (
        <div class="group answer">
          <h3>{t.t('answer')}</h3>
          <p class="muted">{when(view.answer.at)}</p>
          <p class="pre">{view.answer.text}</p>
          <Files {...files} files={view.answer.attachments} />
        </div>
      )}

      <h3>{t.t('messages')}</h3>
      {view.messages.length ? (
        <ul class="group messages">
          {view.messages.map((m) => (
            <li key={m.id} class={`msg ${m.author}`}>
              <p class="muted">
                {t.t(m.author === 'applicant' ? 'fromYou' : 'fromOrganization')}, {when(m.at)}
              </p>
              <p class="pre">{m.text}</p>
              <Files {...files} files={m.attachments} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.t('noMessages')}</p>
      )}

      {view.status !== 'withdrawn' && (
        <form class="message" noValidate onSubmit={sendMessage}>
          <Field
            path="message"
            label={t.t('addMessage')}
            required
            requiredLabel={t.t('required')}
            error={errors.message}
            control={(aria) => (
              <textarea
                {...aria}
                value={text}
                maxLength={10_000}
                onInput={(event) => setText(valueOf(event))}
              />
            )}
          />
          <div class="row">
            <button type="submit" disabled={busy === 'message'}>
              {t.t('send')}
            </button>
            <span role="status">{done}</span>
          </div>
        </form>
      )}

      {view.rating ? (
        <p class="rated">{t.t('rated', { score: view.rating.score })}</p>
      ) : (
        view.canRate && (
          <form class="rating" noValidate onSubmit={sendRating}>
            <fieldset aria-describedby={errors.rating ? 'rate-hint rating-error' : 'rate-hint'}>
              <legend>
                {t.t('rate')}
                <Marker label={t.t('required')} />
              </legend>
              <p id="rate-hint" class="hint">
                {t.t('rateHint')}
              </p>
              <div class="row">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label class="choice" key={n}>
                    <input
                      type="radio"
                      name="score"
                      value={n}
                      required
                      checked={score === n}
                      aria-label={t.t('score', { count: n })}
                      onChange={() => setScore(n)}
                    />
                    <span aria-hidden="true">{n}</span>
                  </label>
                ))}
              </div>
              {error('rating')}
            </fieldset>
            <Field
              path="comment"
              label={t.t('comment')}
              requiredLabel={t.t('required')}
              control={(aria) => (
                <textarea
                  {...aria}
                  value={comment}
                  maxLength={2000}
                  onInput={(event) => setComment(valueOf(event))}
                />
              )}
            />
            <div class="row">
              <button type="submit" disabled={busy === 'rating'}>
                {t.t('sendRating')}
              </button>
            </div>
          </form>
        )
      )}

      {view.canWithdraw && (
        <div class="group withdraw">
          {confirming ? (
            <>
              <p role="alert">{t.t('withdrawConfirm')}</p>
              <div class="row">
                <button type="button" class="primary" disabled={busy === 'withdraw'} onClick={withdraw}>
                  {t.t('withdrawYes')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t.t('cancel')}
                </button>
              </div>
            </>
          ) : (
            <div class="row">
              <button type="button" onClick={() => setConfirming(true)}>
                {t.t('withdraw')}
              </button>
            </div>
          )}
          {error('withdraw')}
        </div>
      )}
    </section>
  );
}

function LostLink(props: Props & { t: T }) {
  const { t, config, options } = props;
  const [values, setValues] = useState({ number: '', email: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const form = useRef<HTMLFormElement>(null);
  const alive = useRef(new AbortController());
  useEffect(() => () => alive.current.abort(), []);
  useEffect(() => {
    (form.current?.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }, [errors]);

  async function submit(event: Event) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.number.trim()) found.number = t.t('errRequired');
    if (!EMAIL.test(values.email.trim())) found.email = t.t(values.email.trim() ? 'errEmail' : 'errRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setState('busy');
    const page = pageUrl();
    try {
      await fetchRoute<typeof requestLostLinkEndpoint>(
        portalOf(config),
        requestLostLinkRoute,
        {
          params: { organizationId: options.org },
          body: {
            registrationNumber: values.number.trim(),
            email: values.email.trim(),
            ...(page ? { pageUrl: page } : {}),
          },
        },
        { signal: alive.current.signal },
      );
      setValues({ number: '', email: '' });
      setState('done');
    } catch (error) {
      if (alive.current.signal.aborted) return;
      // Only a failure to reach the portal is told apart; any answer gets the same neutral text.
      const kind = kindOf(error);
      setState(kind === 'network' || kind === 'timeout' ? 'failed' : 'done');
      if (kind === 'problem') setValues({ number: '', email: '' });
    }
  }

  const field = (name: 'number' | 'email') => (
    <Field
      path={`lost.${name}`}
      label={t.t(name)}
      required
      requiredLabel={t.t('required')}
      error={errors[name]}
      control={(aria) => (
        <input
          {...aria}
          type={name === 'email' ? 'email' : 'text'}
          autocomplete={name === 'email' ? 'email' : 'off'}
          value={values[name]}
          onInput={(event) => setValues((before) => ({ ...before, [name]: valueOf(event) }))}
        />
      )}
    />
  );

  return (
    <form ref={form} class="box appeal lost" noValidate onSubmit={submit} aria-labelledby="lost-title">
      <h2 id="lost-title">{t.t('lostTitle')}</h2>
      <p class="muted">{t.t('lostIntro')}</p>
      {field('number')}
      {field('email')}
      <div class="row">
        <button type="submit" class="primary" disabled={state === 'busy'}>
          {t.t('sendLink')}
        </button>
      </div>
      <div aria-live="polite">
        {state === 'done' && <p class="ok done">{t.t('lostDone')}</p>}
        {state === 'failed' && (
          <p class="alert" role="alert">
            {t.t('failed')}
          </p>
        )}
      </div>
    </form>
  );
}
