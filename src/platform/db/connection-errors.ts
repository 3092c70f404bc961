// Which database errors mean "the connection was lost or refused" (the server restarting,
// shutting down, unreachable) rather than "this statement is wrong", and which of those
// certainly happened before a statement was sent, so that sending it again is safe.

/** SQLSTATEs of a lost or refused connection: class 08, and the server shutting down or starting. */
const CONNECTION_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// pg and pg-pool say these without a code
const LOST_MESSAGES = [
  'Connection terminated',
  'is not queryable',
  'timeout expired',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];
/** pg refuses these before writing anything to the socket. */
const NOT_SENT_MESSAGES = ['is not queryable'];

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_STATES.test(code) || SOCKET_CODES.has(code))) return true;
  return LOST_MESSAGES.some((text) => error.message.includes(text));
}

/** The client refused the statement before it was sent (a client that had already lost its connection). */
export function wasNeverSent(error: unknown): boolean {
  return error instanceof Error && NOT_SENT_MESSAGES.some((text) => error.message.includes(text));
}

// What a plain read may not contain: writes, locks, sequences, notifications, DDL.
const WRITES =
  /\b(insert|update|delete|merge|truncate|create|drop|alter|grant|revoke|copy|call|do|nextval|setval|pg_advisory\w*|pg_notify|for\s+(update|share|no\s+key\s+update|key\s+share)|set_config|lo_\w+)\b/i;

/**
 * A statement that reads and changes nothing: running it twice is the same as once, so it may
 * be sent again after a lost connection even if the first one reached the server.
 */
export function isPlainRead(text: string): boolean {
  return /^\s*(select|with|values|show|table)\b/i.test(text) && !WRITES.test(text);
}
