// Sends Masthead's e-mails over SMTP (SMTP_URL), or, without it, writes each one to the
// outbox folder and prints its link, so a newcomer can finish registration with no mail server.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailMessage } from '../../lib/mail/messages.ts';
import { log } from '../log/logger.ts';

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * How long one send may wait on the mail server, in milliseconds. Without these, nodemailer
 * waits two minutes for a connection and ten for a silent socket, holding a job (and, on
 * shutdown, the process). Together they stay under the outbox's claim (mail-jobs.ts).
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpMailer(smtpUrl: string, from: string, timeouts = SMTP_TIMEOUTS): Mailer {
  // The URL's own settings win; the timeouts apply where it sets none.
  const transport = nodemailer.createTransport({ url: smtpUrl, ...timeouts });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}

/**
 * Never in production (SMTP_URL is required there): for a newcomer without a mail server, the
 * address and the link are printed on purpose, the one place a log line holds them.
 */
export function outboxMailer(outboxDir: string, from: string, print: (line: string) => void = (line) => log().info(line)): Mailer {
  return {
    async send(message) {
      mkdirSync(outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(outboxDir, `${stamp}-${message.to.replace(/[^a-z0-9@.-]/gi, '_')}.eml`);
      const eml = [`From: ${from}`, `To: ${message.to}`, `Subject: ${message.subject}`, 'Content-Type: text/plain; charset=utf-8', '', message.text].join('\n');
      writeFileSync(file, eml);
      print(`[mail] To ${message.to}: ${message.subject}\n[mail] Link: ${message.link}\n[mail] Saved in ${file}`);
    },
  };
}
