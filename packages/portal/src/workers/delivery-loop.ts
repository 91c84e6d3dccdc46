import type { Logger } from '../log.ts';

export interface DeliveryLoopOptions<TRow> {
  /** Named in the log line of a failed run ("outbox", "webhook"). */
  name: string;
  /** Claims (and leases) up to `batchSize` rows that are due; an empty batch ends the run. */
  claim(): Promise<readonly TRow[]>;
  /** Delivers one claimed row; true when it went out (a failure reschedules the row itself). */
  deliver(row: TRow): Promise<boolean>;
  batchSize: number;
  /** Poll interval. Default 2 s. */
  intervalMs?: number | undefined;
  /** Runs at once instead of waiting for the first interval. */
  runAtStart?: boolean;
  logger?: Logger | undefined;
}

export interface DeliveryLoop {
  /** Delivers what is due now (after any run under way); resolves with the number delivered. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the run under way. */
  stop(): Promise<void>;
}

/**
 * The polling loop the outbox and the webhooks share: every interval, claim a batch and deliver it,
 * again while batches come back full or something went out; one run at a time per process (other processes are kept apart
 * by the claim's `FOR UPDATE SKIP LOCKED` lease). The timer does not keep the process alive.
 */
export function startDeliveryLoop<TRow>(options: DeliveryLoopOptions<TRow>): DeliveryLoop {
  const { claim, deliver, batchSize, logger } = options;
  let stopped = false;
  let running: Promise<number> | null = null;

  const drain = async () => {
    let delivered = 0;
    for (;;) {
      const rows = await claim();
      let sent = 0;
      for (const row of rows) if (await deliver(row)) sent++;
      delivered += sent;
      // Again after a full batch, and after any delivery: it may have let the next row in line go
      // (a webhook holds an appeal's later event back until the earlier one is delivered).
      if ((rows.length < batchSize && sent === 0) || stopped) return delivered;
    }
  };

  const tick = async () => {
    if (stopped || running) return;
    running = drain();
    try {
      await running;
    } catch (error) {
      logger?.log('error', `${options.name} run failed`, {
        error: error instanceof Error ? error.name : 'unknown',
      });
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 2000);
  timer.unref();
  if (options.runAtStart) void tick();

  return {
    async runOnce() {
      while (running) await running.catch(() => 0);
      running = drain();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running.catch(() => 0);
    },
  };
}
