// Periodic work (timers) run by every server instance. The work itself must be safe to run
// from several instances at once: the sweeps claim rows with FOR UPDATE SKIP LOCKED and
// write their effect in the same transaction, so each timer fires once, whoever runs it.
// Their state lives in PostgreSQL, so a restart loses nothing: the next sweep catches up.
import type { FastifyBaseLogger } from 'fastify';

export interface PeriodicTask {
  name: string;
  everySeconds: number;
  run(): Promise<number>;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Runs every task once now (tests, and the CLI). */
  runAll(): Promise<Record<string, number>>;
}

export function startScheduler(tasks: PeriodicTask[], log: FastifyBaseLogger): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const runTask = async (task: PeriodicTask) => {
    try {
      const done = await task.run();
      if (done > 0) log.info({ task: task.name, done }, 'periodic task did work');
      return done;
    } catch (error) {
      log.error({ err: error, task: task.name }, 'periodic task failed; it will run again');
      return 0;
    }
  };

  for (const task of tasks) {
    const timer = setInterval(() => {
      if (stopped) return;
      const promise = runTask(task);
      running.add(promise);
      promise.finally(() => running.delete(promise));
    }, task.everySeconds * 1000);
    timer.unref();
    timers.push(timer);
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
    async runAll() {
      const results: Record<string, number> = {};
      for (const task of tasks) results[task.name] = await runTask(task);
      return results;
    },
  };
}
