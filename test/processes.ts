// Runs the real entry points (npm start's main.ts, the CLI) as child processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestDatabase } from './harness.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Started {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function tsxArgs(entry: string, args: string[]) {
  return ['--import', 'tsx', entry, ...args];
}

/** Starts the server on a free port and resolves once it says where it listens. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(process.execPath, tsxArgs('src/main.ts', []), {
    cwd: ROOT,
    // no demo history unless a test asks for it (DEMO_DATA=on)
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO_DATA: 'off', ...env },
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const match = /"msg":"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve({
        child,
        baseUrl: `http://127.0.0.1:${match[1]}`,
        output: () => out,
        async stop(signal = 'SIGTERM') {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** Runs a command to its end; resolves with its exit code and output. */
export function runEntry(
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, tsxArgs(entry, args), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

export interface ServerPlace {
  /** DATA_DIR, and DATABASE_URL when the suite runs on a PostgreSQL server. */
  env: Record<string, string>;
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh data folder (and a fresh database on the server run) for real server processes. */
export async function freshServerPlace(name: string): Promise<ServerPlace> {
  const dataDir = mkdtempSync(join(tmpdir(), `citypulse-${name}-`));
  const env: Record<string, string> = { DATA_DIR: dataDir };
  const database = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
  if (database) env.DATABASE_URL = database.url as string;
  return {
    env,
    dataDir,
    async close() {
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
