/**
 * The parent's side of the worker processes: forks them, sends phase orders and waits for their
 * answers with timeouts, failing loudly if a worker reports an error or dies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track, whenExited } from './children';
import type { ParentMessage, WorkerMessage } from './protocol';

type MessageOf<T extends WorkerMessage['type']> = Extract<WorkerMessage, { type: T }>;

const workerScript = join(dirname(fileURLToPath(import.meta.url)), 'worker.ts');

class WorkerHandle {
  private readonly inbox: WorkerMessage[] = [];
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    readonly index: number,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'error') this.fail(new Error(`worker ${index}: ${message.message}`));
      else this.inbox.push(message);
      this.waiter?.();
    });
    child.on('error', (err) => {
      this.fail(new Error(`worker ${index}: ${err.message}`));
      this.waiter?.();
    });
    void whenExited(child).then((how) => {
      this.fail(new Error(`worker ${index} exited (${how})`));
      this.waiter?.();
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
  }

  send(message: ParentMessage): void {
    this.child.send(message);
  }

  /** Waits for the next message of `type` (messages of other types are dropped). */
  async next<T extends WorkerMessage['type']>(type: T, timeoutMs: number): Promise<MessageOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.inbox.findIndex((m) => m.type === type);
      if (found >= 0) return this.inbox.splice(found, 1)[0] as MessageOf<T>;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`worker ${this.index}: no '${type}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Resolves once the worker process has exited. */
  exited(): Promise<string> {
    return whenExited(this.child);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** A set of forked worker processes running `worker.ts` under tsx. */
export class WorkerPool {
  readonly workers: WorkerHandle[];

  private constructor(workers: WorkerHandle[]) {
    this.workers = workers;
  }

  /** Forks `count` workers and waits until each has loaded and said 'ready'. */
  static async start(count: number, timeoutMs: number): Promise<WorkerPool> {
    const tsxLoader = import.meta.resolve('tsx');
    const workers = Array.from({ length: count }, (_, index) => {
      const child = fork(workerScript, [], {
        execArgv: ['--import', tsxLoader],
        serialization: 'advanced',
        // Workers' stdout goes to our stderr: stdout carries only the JSON result lines.
        stdio: ['ignore', 2, 2, 'ipc'],
      });
      track(child);
      return new WorkerHandle(index, child);
    });
    const pool = new WorkerPool(workers);
    try {
      await pool.all((w) => w.next('ready', timeoutMs));
    } catch (err) {
      pool.kill();
      throw err;
    }
    return pool;
  }

  /** Runs `fn` on every worker concurrently; rejects on the first failure. */
  all<R>(fn: (worker: WorkerHandle, index: number) => Promise<R>): Promise<R[]> {
    return Promise.all(this.workers.map((w, i) => fn(w, i)));
  }

  /** Asks every worker to close its clients and exit; kills those that do not within 5 s. */
  async close(): Promise<void> {
    for (const w of this.workers) w.send({ type: 'close' });
    const timer = setTimeout(() => this.kill(), 5000);
    await Promise.all(this.workers.map((w) => w.exited()));
    clearTimeout(timer);
  }

  kill(): void {
    for (const w of this.workers) w.kill();
  }
}
