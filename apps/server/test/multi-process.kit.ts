import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { kianaBin } from './process-kit';

/** A server process started by a test, with its output captured. */
export interface Proc {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

const probeServer = path.resolve(import.meta.dirname, 'fixtures/probe-server.ts');

/** Starts `kiana <args>` or, with `probe`, the probe server (kiana start + probe job kinds). */
export function startProc(
  args: string[],
  env: Record<string, string>,
  options: { probe?: boolean } = {},
): Proc {
  const argv = options.probe === true ? ['--import', 'tsx', probeServer] : [kianaBin, ...args];
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

/** Polls `check` every 50 ms until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads a server-sent event stream, keeping the names of the events that arrived and when. */
export async function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<{ events: { name: string; data: string; at: number }[]; close(): void }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (res.status !== 200 || res.body === null) throw new Error(`event stream: ${res.status}`);
  const events: { name: string; data: string; at: number }[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== undefined) events.push({ name, data: data ?? '', at: Date.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => abort.abort() };
}
