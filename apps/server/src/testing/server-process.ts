import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** What the process printed so far. */
  output(): string;
  /** Resolves with its exit code once it has exited. */
  exited: Promise<number | null>;
  /** Stops it with SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `main.ts start` in its own process on a free port (what a second server behind a load
 * balancer is); `args` runs another entry point with node instead (paths from the repository root).
 */
export async function startServerProcess(
  environment: Record<string, string | undefined>,
  args: readonly string[] = ['--import', 'tsx', 'apps/server/src/main.ts', 'start'],
): Promise<ServerProcess> {
  // undefined removes a variable this process has (DATABASE_URL: undefined means the embedded database).
  const env = Object.fromEntries(
    Object.entries({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', GLOWDESK_DEMO: '0', ...environment }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = false;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    // One that does not start is stopped (SIGTERM stops a cluster's processes too), not left running.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Once started, only collect: a busy server logs megabytes, and searching all of it
      // for every chunk would cost this process more than the requests it sends.
      if (started) return;
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        started = true;
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    baseUrl,
    pid: child.pid ?? 0,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}
