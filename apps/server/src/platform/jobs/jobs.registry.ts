import type { z } from 'zod';
import type { JobKind } from './jobs.kind';

/** The job kinds of this process: modules add theirs from their module factory. */
export class JobRegistry {
  private readonly kinds = new Map<string, JobKind>();

  /** Adds a kind; a second kind with the same name is a programming error. */
  register<S extends z.ZodType>(kind: JobKind<S>): void {
    if (this.kinds.has(kind.kind)) throw new Error(`Job kind ${kind.kind} is registered twice`);
    this.kinds.set(kind.kind, kind as unknown as JobKind);
  }

  get(kind: string): JobKind | undefined {
    return this.kinds.get(kind);
  }

  names(): string[] {
    return [...this.kinds.keys()];
  }
}
