// Structured JSON logs (pino) on stdout. Never log request bodies, headers or secrets: callers
// pass ids and codes only, and the redact list below is a second line of defence.
import pino from "pino";
import { env } from "@/lib/env";

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "latch" },
  redact: { paths: ["authorization", "*.authorization", "secret", "*.secret", "apiKey", "*.apiKey", "key", "*.key"], censor: "[redacted]" },
});

export const logInfo = (message: string, fields?: Record<string, unknown>) => logger.info(fields ?? {}, message);
export const logWarn = (message: string, fields?: Record<string, unknown>) => logger.warn(fields ?? {}, message);

/** Logs the error's name and stack for operators; clients only ever get a generic message. */
export function logError(message: string, error: unknown, fields?: Record<string, unknown>) {
  const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  logger.error({ ...fields, err }, message);
}
