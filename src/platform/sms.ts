// How one-time codes and other texts reach a phone. The log sender is for local use only
// (config refuses it in production); a real gateway is an HTTP endpoint taking JSON.
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from './logging.js';

export interface SmsMessage {
  /** E.164, e.g. +84905123456 */
  to: string;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** Writes the text to the log with the number masked, so that a developer can sign in locally. */
export function logSmsSender(log: Pick<FastifyBaseLogger, 'info'>): SmsSender {
  return {
    async send({ to, text }) {
      log.info({ sms_to: maskPhone(to), sms_text: text }, 'SMS (development sender: not really sent)');
    },
  };
}

/** POSTs { to, text } as JSON to the gateway; any non-2xx answer is a failure. */
export function httpSmsSender(url: string): SmsSender {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
