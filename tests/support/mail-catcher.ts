// A real SMTP listener for tests: accepts any message on 127.0.0.1 (no TLS, no
// authentication), parses it and hands it on, so the app sends mail exactly as in production.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface CaughtMail {
  /** Recipients, lower-cased: the envelope's and the To header's. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The HTML part, or '' when the message has none. */
  html: string;
  receivedAt: string;
}

export interface MailCatcher {
  port: number;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  onMail(mail: CaughtMail): void;
  onError?(error: Error): void;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const server = new SMTPServer({
    // No STARTTLS advertised, so nodemailer (secure: false) sends in plain text.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream)
        .then((parsed) => {
          const to = [...new Set([...envelopeTo, ...addresses(parsed.to)].map((a) => a.toLowerCase()))];
          options.onMail({
            to,
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => {
          options.onError?.(error);
          callback(error);
        });
    },
  });
  server.on('error', (error) => options.onError?.(error));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(new Error(`The test mail catcher cannot listen on ${host}:${options.port}: ${error.message}`));
    server.server.once('error', failed);
    server.listen(options.port, host, () => {
      server.server.off('error', failed);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
