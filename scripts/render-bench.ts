/**
 * Render-time budget (DESIGN.md): time from the widget script's arrival to the widget's first render
 * must be ≤ 2× that of a bare Preact element, measured in the same headless-Chromium run.
 *
 * What is compared (see render-bench/pages.ts): both pages embed their widget from another origin
 * through a classic `defer` loader that imports the widget's modules. On each page the clock starts
 * when the last of the widget's own files has arrived (`responseEnd`): for the reference its one bundle
 * (Preact and a custom element with a shadow root and a constructed stylesheet); for the counter its
 * entry and the shared runtime chunk. It stops when the task that first put the widget's DOM into its
 * shadow root has ended (microtasks included) and style and layout are done: when the browser could
 * paint it. The older, narrower figure (to the first mutation in the shadow root) and the end-to-end ones
 * from each loader's arrival (adding the import's round trip) are printed beside it. Each load is a fresh
 * browser context (cold caches); pages alternate for BENCH_RUNS runs each; medians are reported.
 * Usage: pnpm bench:render (BENCH_RUNS=30 for a steadier figure on a busy machine).
 */
import { chromiumAvailable, launchChromium } from '../tests/browser/chromium.ts';
import {
  type BenchPage,
  isRenderedMessage,
  type Marks,
  readMarks,
  startBenchPages,
} from './render-bench/pages.ts';

const RUNS = Number(process.env.BENCH_RUNS || 15);

if (!chromiumAvailable()) process.exit(0);

const pages = await startBenchPages();
const browser = await launchChromium();

async function measure(path: BenchPage): Promise<Marks> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const rendered = tab.waitForEvent('console', (message) => isRenderedMessage(message.text()));
  await tab.goto(`${pages.origin}${path}`);
  await rendered;
  const marks: Marks = await tab.evaluate(readMarks(path));
  await context.close();
  return marks;
}

const figures = { bare: [] as Marks[], counter: [] as Marks[] };
try {
  for (let run = 0; run < RUNS; run++) {
    figures.bare.push(await measure('/bare.html'));
    figures.counter.push(await measure('/otklik.html'));
  }
} finally {
  await browser.close();
  await pages.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rendered = (m: Marks) => m.rendered - m.arrived;
const firstMutation = (m: Marks) => m.firstMutation - m.arrived;
const bareMs = median(figures.bare.map(rendered));
const counterMs = median(figures.counter.map(rendered));
const ratio = counterMs / bareMs;
const row = (label: string, ms: number) => console.log(`| ${label} | ${ms.toFixed(1)} |`);
console.log(`\nScript arrival → first render, median of ${RUNS} runs each (headless Chromium, loopback)\n`);
console.log('| page | ms |');
console.log('| --- | ---: |');
row('bare Preact element (reference)', bareMs);
row("appeal counter, from its widget files' arrival", counterMs);
row('bare Preact element, to the first mutation only', median(figures.bare.map(firstMutation)));
row('appeal counter, to the first mutation only', median(figures.counter.map(firstMutation)));
const endToEnd = (m: Marks) => m.rendered - m.loaderArrived;
row("bare Preact element end to end, from its loader's arrival", median(figures.bare.map(endToEnd)));
row("appeal counter end to end, from otklik.js's arrival", median(figures.counter.map(endToEnd)));
if (process.env.BENCH_VERBOSE)
  for (const [name, runs] of Object.entries(figures))
    console.log(name, runs.map((m) => `${firstMutation(m).toFixed(1)}/${rendered(m).toFixed(1)}`).join(' '));
console.log(`\nratio ${ratio.toFixed(2)} (budget ≤ 2)`);
if (ratio > 2) process.exitCode = 1;
