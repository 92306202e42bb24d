import type { z } from 'zod';
import type { TaskContext } from './context';

/** What a finished task reports (shown in the tray and on the task page). */
export type TaskResult = Record<string, unknown>;
export type TaskHandler<I> = (ctx: TaskContext<I>) => Promise<TaskResult>;

export interface TaskKind<I> {
  readonly kind: string;
  readonly input: z.ZodType<I>;
  /**
   * What a run works on (ids; 'P*' for everything whose target starts with P, so '*' is everything of its
   * site). A start of the same kind whose targets overlap a queued or running run's answers 409
   * task_already_running. No targets: never refused.
   */
  readonly targets?: (input: I) => string[];
}

export class MissingHandlerError extends Error {}

/** A kind as modules know it: name + input schema (+ targets). The registry gives it a handler. */
export function defineTaskKind<I>(
  kind: string,
  input: z.ZodType<I>,
  opts: { targets?: (input: I) => string[] } = {},
): TaskKind<I> {
  return { kind, input, ...opts };
}

/**
 * Task kind → zod input schema → handler. Modules declare kinds (the API validates
 * and enqueues them); handlers are attached for workers. A worker refuses to start
 * while any declared kind has no handler.
 */
export class TaskRegistry {
  private readonly kinds = new Map<string, { input: z.ZodType; handler?: TaskHandler<never> }>();

  declare<I>(kind: string, input: z.ZodType<I>): TaskKind<I> {
    if (this.kinds.has(kind)) throw new Error(`task kind ${kind} declared twice`);
    this.kinds.set(kind, { input });
    return { kind, input };
  }

  /** Declares a module's kind and (normally) its handler in one go. */
  add<I>(kind: TaskKind<I>, handler?: TaskHandler<I>): void {
    this.declare(kind.kind, kind.input);
    if (handler) this.handle(kind, handler);
  }

  handle<I>(kind: TaskKind<I>, handler: TaskHandler<I>): void {
    const entry = this.kinds.get(kind.kind);
    if (!entry) throw new Error(`task kind ${kind.kind} is not declared`);
    entry.handler = handler as unknown as TaskHandler<never>;
  }

  names(): string[] {
    return [...this.kinds.keys()];
  }

  get(kind: string): { input: z.ZodType; handler?: TaskHandler<never> } | undefined {
    return this.kinds.get(kind);
  }

  assertComplete(): void {
    const missing = [...this.kinds].filter(([, v]) => !v.handler).map(([k]) => k);
    if (missing.length > 0)
      throw new MissingHandlerError(`Refusing to start: task kinds without a handler: ${missing.join(', ')}`);
  }
}
