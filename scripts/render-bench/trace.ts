/**
 * Where the render time goes: loads each page of `pnpm bench:render` TRACE_RUNS times under Chromium's
 * tracing (the DevTools timeline and V8's sampling profiler) and prints, per load on average, what the
 * page's main thread did between the arrival of the widget's files and the `rendered` mark — by trace
 * event (self time: compile, evaluation, microtasks, style sheet parsing, style, layout, GC …) and by
 * JavaScript function (self time of V8's samples). Usage: pnpm exec tsx scripts/render-bench/trace.ts
 * (after pnpm build). Tracing slows the pages down; read the shares, not the absolute figures.
 */
import { chromiumAvailable, launchChromium } from '../../tests/browser/chromium.ts';
import { type BenchPage, isRenderedMessage, type Marks, readMarks, startBenchPages } from './pages.ts';

const RUNS = Number(process.env.TRACE_RUNS || 10);
const TOP = Number(process.env.TRACE_TOP || 25);
/** TRACE_SAMPLES=0: no JavaScript samples (less overhead, for the CPU-time figure alone). */
const SAMPLES = process.env.TRACE_SAMPLES !== '0';
const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  ...(process.env.TRACE_EXTRA ?? '').split(',').filter(Boolean),
  ...(SAMPLES
    ? ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.compile', 'blink.bindings']
    : []),
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
      startTime?: number;
    };
  };
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

/** Self time in µs per key, summed over loads. */
type Tally = Map<string, number>;
const add = (tally: Tally, key: string, us: number) => tally.set(key, (tally.get(key) ?? 0) + us);

/**
 * The main thread's CPU time inside [from, to] (µs): its outermost events' thread time, the part of an
 * event cut by the window's edges counted in proportion. Unlike the wall time it does not grow when
 * the thread waits for a core, which on a busy shared machine is most of the noise.
 */
function cpuTime(events: TraceEvent[], from: number, to: number): number {
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const e of events
    .filter((e) => e.ph === 'X' && e.dur && e.tdur !== undefined && e.ts < to && e.ts + (e.dur ?? 0) > from)
    .sort((a, b) => a.ts - b.ts)) {
    const end = e.ts + (e.dur ?? 0);
    if (end <= coveredUntil) continue; // nested in an event already counted
    coveredUntil = end;
    const inside = Math.min(end, to) - Math.max(e.ts, from);
    total += ((e.tdur ?? 0) * inside) / (e.dur ?? 1);
  }
  return total;
}

/** Self time of the main thread's trace events inside [from, to] (µs), by event name. */
function eventSelfTimes(events: TraceEvent[], from: number, to: number, tally: Tally): void {
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts < to && e.ts + (e.dur ?? 0) > from)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const clip = (start: number, end: number) => Math.max(0, Math.min(end, to) - Math.max(start, from));
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= until) {
      const done = stack.pop();
      if (done) add(tally, done.name, done.self);
    }
  };
  for (const e of spans) {
    const end = e.ts + (e.dur ?? 0);
    close(e.ts);
    const own = clip(e.ts, end);
    const parent = stack.at(-1);
    if (parent) parent.self -= own;
    stack.push({ end, name: e.name, self: own });
  }
  close(Number.POSITIVE_INFINITY);
}

const describe = (frame: ProfileNode['callFrame']) => {
  const file = frame.url?.split('/').at(-1) ?? '';
  const where = file ? ` ${file}:${(frame.lineNumber ?? 0) + 1}:${(frame.columnNumber ?? 0) + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
};

/** Self (and inclusive) time of V8's samples of thread `tid` inside [from, to] (µs), by function (name, file, line). */
function sampleSelfTimes(
  events: TraceEvent[],
  tid: number,
  from: number,
  to: number,
  tally: Tally,
  inclusive: Tally,
): void {
  const nodes = new Map<number, ProfileNode>();
  const profile = events.find((e) => e.name === 'Profile' && e.tid === tid);
  if (!profile) return;
  let time = profile.args?.data?.startTime ?? profile.ts;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id !== profile.id) continue;
    const data = e.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const delta = deltas[i] ?? 0;
      time += delta;
      const next = deltas[i + 1] ?? delta;
      if (time < from || time > to) return;
      const frame = nodes.get(id)?.callFrame;
      if (!frame) return;
      add(tally, describe(frame), next);
      const onStack = new Set<string>();
      for (let node = nodes.get(id); node; node = node.parent ? nodes.get(node.parent) : undefined)
        onStack.add(describe(node.callFrame));
      for (const key of onStack) add(inclusive, key, next);
    });
  }
}

if (!chromiumAvailable()) process.exit(0);
const pages = await startBenchPages();
const browser = await launchChromium();

async function traceOne(
  path: BenchPage,
  events: Tally,
  functions: Tally,
  inclusive: Tally,
): Promise<Marks & { cpu: number }> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await browser.startTracing(tab, { categories });
  const rendered = tab.waitForEvent('console', (message) => isRenderedMessage(message.text()));
  await tab.goto(`${pages.origin}${path}`);
  await rendered;
  const marks: Marks = await tab.evaluate(readMarks(path));
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  await context.close();
  const mark = trace.traceEvents.find((e) => e.cat === 'blink.user_timing' && e.name === 'first-mutation');
  if (!mark) throw new Error(`${path}: no first-mutation mark in the trace`);
  // performance.now() milliseconds → trace microseconds, through the mark both clocks saw.
  const at = (ms: number) => mark.ts + (ms - marks.firstMutation) * 1000;
  const thread = trace.traceEvents.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const sampler = trace.traceEvents.filter((e) => e.pid === mark.pid && e.cat.includes('cpu_profiler'));
  eventSelfTimes(thread, at(marks.arrived), at(marks.rendered), events);
  if (process.env.TRACE_TIMELINE) {
    // Every thread of the page's renderer: what ran when, in ms from the files' arrival.
    const from = at(marks.arrived);
    const names = new Map(
      trace.traceEvents
        .filter((e) => e.pid === mark.pid && e.name === 'thread_name')
        .map((e) => [e.tid, (e.args as { name?: string } | undefined)?.name ?? String(e.tid)]),
    );
    console.log(
      `\n${path}: first mutation ${(marks.firstMutation - marks.arrived).toFixed(1)}, rendered ${(marks.rendered - marks.arrived).toFixed(1)}`,
    );
    for (const e of trace.traceEvents
      .filter(
        (e) =>
          e.pid === mark.pid &&
          e.ph === 'X' &&
          (e.dur ?? 0) >= 100 &&
          e.ts + (e.dur ?? 0) > from - 5000 &&
          e.ts < at(marks.rendered),
      )
      .sort((a, b) => a.ts - b.ts))
      console.log(
        `${((e.ts - from) / 1000).toFixed(2).padStart(7)} +${((e.dur ?? 0) / 1000).toFixed(2).padEnd(6)} ${names.get(e.tid)?.slice(0, 22).padEnd(22)} ${e.name}`,
      );
  }
  sampleSelfTimes(sampler, mark.tid, at(marks.arrived), at(marks.rendered), functions, inclusive);
  return { ...marks, cpu: cpuTime(thread, at(marks.arrived), at(marks.rendered)) / 1000 };
}

const print = (title: string, tally: Tally) => {
  console.log(`\n${title}\n`);
  console.log('| what | ms per load |');
  console.log('| --- | ---: |');
  for (const [key, us] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`| ${key} | ${(us / RUNS / 1000).toFixed(2)} |`);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const cpuMedians: number[] = [];
try {
  for (const path of ['/bare.html', '/otklik.html'] as const) {
    const events: Tally = new Map();
    const functions: Tally = new Map();
    const inclusive: Tally = new Map();
    let window = 0;
    let toMutation = 0;
    const cpu: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const marks = await traceOne(path, events, functions, inclusive);
      window += marks.rendered - marks.arrived;
      toMutation += marks.firstMutation - marks.arrived;
      cpu.push(marks.cpu);
    }
    cpuMedians.push(median(cpu));
    console.log(
      `\n## ${path}: files' arrival → rendered ${(window / RUNS).toFixed(1)} ms (to the first mutation ${(toMutation / RUNS).toFixed(1)} ms), mean of ${RUNS} traced loads; main-thread CPU time in that window: median ${median(cpu).toFixed(1)} ms (${cpu.map((ms) => ms.toFixed(1)).join(' ')})`,
    );
    print('Main thread, self time by trace event:', events);
    if (SAMPLES) {
      print('JavaScript, self time by function (V8 samples):', functions);
      print('JavaScript, time with what it calls, by function (V8 samples):', inclusive);
    }
  }
  const [bare = 0, counter = 0] = cpuMedians;
  console.log(`\nmain-thread CPU time, counter / reference: ${(counter / bare).toFixed(2)}`);
} finally {
  await browser.close();
  await pages.close();
}
