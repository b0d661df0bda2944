// Structured logs on stdout. Never pass request bodies, headers or secrets here.
import { env } from "@/lib/env";

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
const threshold = levels[env.LOG_LEVEL];

function write(level: keyof typeof levels, message: string, fields?: Record<string, unknown>) {
  if (levels[level] < threshold) return;
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }) + "\n");
}

export const logInfo = (message: string, fields?: Record<string, unknown>) => write("info", message, fields);
export const logWarn = (message: string, fields?: Record<string, unknown>) => write("warn", message, fields);

/** Logs the error's class and a stack, never its message's interpolated data beyond the name. */
export function logError(message: string, error: unknown, fields?: Record<string, unknown>) {
  const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  write("error", message, { ...fields, error: err });
}
