/** @jsxRuntime classic */
/** @jsx h */
/**
 * The QR widget once someone asked for the code (or on a `data-poster` page): the code as SVG
 * elements, downloads, the printable poster. A lazy chunk of its own; the encoder (`draw.ts`) is
 * another one, imported when the code is drawn.
 */
import { createTranslator, type Language, reportError, type Vars } from '@otklik/widget-core';
import { Component, h } from 'preact';
import type { QrImage } from './draw.ts';
import type { qrMessages } from './messages.ts';
import { qrViewMessages } from './view-messages.ts';

type Draw = typeof import('./draw.ts');
export type Format = 'a4' | 'a5';

export interface QrViewProps {
  host: HTMLElement;
  lang: Language;
  org: string;
  /** What the code encodes. */
  url: string;
  name: string | null;
  /** The poster to show first (`data-poster`), or `null` for the card. */
  poster: Format | null;
  /** Whether the poster can be hidden again (not on a dedicated poster page). */
  closable: boolean;
  /** Draw the code at once (the user asked for it) and focus it or the poster. */
  draw: boolean;
  /** The widget's own texts (title, buttons, status), from the entry chunk. */
  text: (key: keyof (typeof qrMessages)['ru']) => string;
}

interface State {
  image: QrImage | null;
  draw: Draw | null;
  busy: boolean;
  failed: boolean;
  poster: Format | null;
}

/** The URL as printed under the code: no scheme, no trailing slash. */
export const shortUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

// On screen the poster's texts are sized in `em`, so that they grow with the widget's text (the
// high-contrast, large-text mode); on paper in `pt` (below).
export const viewCss = `
figure{margin:0;display:grid;gap:4px;justify-items:center}
.qrsvg{display:block;width:200px;height:200px;forced-color-adjust:none}
.poster{background:#fff;color:#000;border:1px solid var(--_border);aspect-ratio:210/297;width:min(100%,420px);padding:32px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:16px;text-align:center}
.poster.a5{width:min(100%,300px);padding:20px;gap:10px}
.poster .org{font-size:1.3em;font-weight:600}
.poster .cta{font-size:2.15em;font-weight:700;line-height:1.2}
.poster.a5 .cta{font-size:1.6em}
.poster .qrsvg{width:72%;height:auto;aspect-ratio:1}
.poster .url{font-size:1.2em;font-weight:600;overflow-wrap:anywhere}
@media print{
.box{border:0;padding:0}
.poster,.poster.a5{border:0;width:100%;aspect-ratio:auto;padding:0;gap:8mm;break-inside:avoid}
.poster .org{font-size:18pt}.poster .cta{font-size:40pt}.poster .hint{font-size:14pt}.poster .url{font-size:18pt}
.poster.a4 .qrsvg{width:130mm;height:130mm}
.poster.a5{gap:5mm}.poster.a5 .org{font-size:13pt}.poster.a5 .cta{font-size:26pt}.poster.a5 .hint{font-size:11pt}.poster.a5 .url{font-size:13pt}
.poster.a5 .qrsvg{width:90mm;height:90mm}
}
`;

/** The view's stylesheet, made once (not widget-core's `sheet`: see qr.tsx). */
let viewSheet: CSSStyleSheet | undefined;

export class QrView extends Component<QrViewProps, State> {
  private drawing: Promise<void> | undefined;
  private printPending = false;
  private unmounted = false;
  /** What to focus after the next render. */
  private focusNext: 'code' | 'poster' | 'posterButton' | null = null;
  private codeEl: HTMLElement | null = null;
  private posterEl: HTMLElement | null = null;
  private posterButton: HTMLElement | null = null;

  constructor(props: QrViewProps) {
    super(props);
    this.state = { image: null, draw: null, busy: false, failed: false, poster: props.poster };
  }

  override componentDidMount() {
    const root = this.props.host.shadowRoot;
    if (!viewSheet) {
      viewSheet = new CSSStyleSheet();
      viewSheet.replaceSync(viewCss);
    }
    const css = viewSheet;
    if (root && !root.adoptedStyleSheets.includes(css))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, css];
    if (this.props.draw) {
      this.focusNext = this.state.poster ? 'poster' : 'code';
      this.draw();
    }
  }

  override componentDidUpdate() {
    const focus = this.focusNext;
    const target = focus === 'code' ? this.codeEl : focus === 'poster' ? this.posterEl : this.posterButton;
    if (focus && target) {
      this.focusNext = null;
      target.focus();
    }
    if (this.printPending && this.state.image) {
      this.printPending = false;
      window.print();
    }
  }

  override componentWillUnmount() {
    this.unmounted = true;
  }

  /** Loads the encoder (once) and draws the code. */
  private draw(): Promise<void> {
    if (this.state.image) return Promise.resolve();
    this.setState({ busy: true, failed: false });
    this.drawing ??= import('./draw.ts')
      .then((draw) => {
        if (!this.unmounted) this.setState({ draw, image: draw.makeQr(this.props.url), busy: false });
      })
      .catch((error: unknown) => {
        this.drawing = undefined;
        this.printPending = false;
        this.setState({ busy: false, failed: true });
        reportError(this.props.host, 'qr', error);
      });
    return this.drawing;
  }

  private show = () => {
    this.focusNext = this.state.poster ? 'poster' : 'code';
    this.draw();
  };

  private openPoster = () => {
    this.focusNext = 'poster';
    this.setState({ poster: 'a4' });
    this.draw();
  };

  private closePoster = () => {
    this.focusNext = 'posterButton';
    this.setState({ poster: null });
  };

  private print = () => {
    if (this.state.image) window.print();
    else {
      this.printPending = true;
      this.draw();
    }
  };

  private save(kind: 'svg' | 'png') {
    const { draw, image } = this.state;
    if (!draw || !image) return;
    const { host, org } = this.props;
    const name = `otklik-qr-${org}.${kind}`;
    const parent = host.shadowRoot ?? host;
    if (kind === 'svg') draw.download(draw.svgBlob(image), name, parent);
    else
      draw.pngFile(image).then(
        (blob) => draw.download(blob, name, parent),
        (error: unknown) => reportError(host, 'qr', error),
      );
  }

  private saveSvg = () => this.save('svg');
  private savePng = () => this.save('png');

  render() {
    const { lang, url, name, closable } = this.props;
    const { image, busy, failed, poster } = this.state;
    const view = createTranslator(qrViewMessages, lang).t;
    const text = this.props.text;
    const t = (key: Parameters<typeof view>[0] | Parameters<typeof text>[0], vars?: Vars) =>
      key in qrViewMessages.ru
        ? view(key as Parameters<typeof view>[0], vars)
        : text(key as Parameters<typeof text>[0]);
    const short = shortUrl(url);
    const code = image && (
      <svg
        class="qrsvg"
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${image.size} ${image.size}`}
        shape-rendering="crispEdges"
        role="img"
        aria-label={t('alt', { url })}
      >
        <rect width={image.size} height={image.size} fill="#fff" />
        <path d={image.path} fill="#000" />
      </svg>
    );
    const show = (
      <button type="button" class="show" onClick={this.show} disabled={busy}>
        {t('show')}
      </button>
    );
    const status = (
      <p class="status" role="status">
        {busy ? t('drawing') : failed ? t('failed') : ''}
      </p>
    );
    const downloads = image && [
      <button type="button" key="svg" onClick={this.saveSvg}>
        {t('downloadSvg')}
      </button>,
      <button type="button" key="png" onClick={this.savePng}>
        {t('downloadPng')}
      </button>,
    ];
    if (poster)
      return (
        <div class="qr">
          <div class="controls">
            <label>
              {t('format')}
              <select
                value={poster}
                onChange={(event) =>
                  this.setState({ poster: (event.currentTarget as HTMLSelectElement).value as Format })
                }
              >
                <option value="a4">A4</option>
                <option value="a5">A5</option>
              </select>
            </label>
            <button type="button" onClick={this.print} disabled={busy}>
              {t('print')}
            </button>
            {downloads}
            {closable && (
              <button type="button" onClick={this.closePoster}>
                {t('hidePoster')}
              </button>
            )}
          </div>
          {status}
          <article
            class={`poster ${poster}`}
            aria-label={t('cta')}
            tabIndex={-1}
            ref={(el) => {
              this.posterEl = el;
            }}
          >
            {name && <p class="org">{name}</p>}
            <p class="cta">{t('cta')}</p>
            {code ?? show}
            <p class="hint">{t('hint')}</p>
            <p class="url">{short}</p>
          </article>
        </div>
      );
    return (
      <section class="box qr" aria-label={t('title')}>
        <p class="title">{t('title')}</p>
        {name && <p class="muted org">{name}</p>}
        {image ? (
          <figure
            tabIndex={-1}
            ref={(el) => {
              this.codeEl = el;
            }}
          >
            {code}
            <figcaption>
              <a href={url}>{short}</a>
            </figcaption>
          </figure>
        ) : (
          show
        )}
        {status}
        <div class="actions">
          {downloads}
          <button
            type="button"
            onClick={this.openPoster}
            ref={(el) => {
              this.posterButton = el;
            }}
          >
            {t('poster')}
          </button>
        </div>
      </section>
    );
  }
}
