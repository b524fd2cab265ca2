export interface JobLogInput {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  data?: unknown;
}

export const LOG_TRUNCATED_MESSAGE = "Log limit reached: later lines were dropped (JOBS_LOG_MAX_BYTES).";

function lineBytes(line: JobLogInput): number {
  return Buffer.byteLength(line.message) + (line.data === undefined ? 0 : Buffer.byteLength(JSON.stringify(line.data)));
}

/**
 * Pure: which of `lines` still fit in a job's log, given the bytes already written. Once the
 * cap is reached one notice line is added and everything after is dropped, so a chatty
 * script cannot fill the database.
 */
export function fitLogLines(lines: JobLogInput[], usedBytes: number, maxBytes: number): { keep: JobLogInput[]; bytes: number } {
  const keep: JobLogInput[] = [];
  let bytes = usedBytes;
  if (usedBytes >= maxBytes) return { keep, bytes };
  for (const line of lines) {
    const size = lineBytes(line);
    if (bytes + size > maxBytes) {
      keep.push({ level: "warn", message: LOG_TRUNCATED_MESSAGE });
      // Counted as full, so no further notice is written.
      return { keep, bytes: maxBytes };
    }
    keep.push(line);
    bytes += size;
  }
  return { keep, bytes };
}
