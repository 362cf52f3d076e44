// An SMTP listener that keeps what it receives in memory, for tests that start their own
// servers (the e2e mail folder belongs to the Playwright server). Waits for a message and
// hands back its first link.
import { firstLink } from './mail-inbox.ts';
import { startMailCatcher, type CaughtMail } from './mail-catcher.ts';

export interface MailBox {
  port: number;
  /** The SMTP_URL to give a server. */
  smtpUrl: string;
  /** The path and query of the first link in the newest matching message, once it arrives. */
  waitForLink(to: string, subject: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startMailBox(port: number): Promise<MailBox> {
  const received: CaughtMail[] = [];
  const catcher = await startMailCatcher({ port, onMail: (mail) => received.push(mail) });
  return {
    port: catcher.port,
    smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
    async waitForLink(to, subject, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.filter((m) => m.to.includes(to.toLowerCase()) && m.subject.includes(subject)).at(-1);
        const link = mail && firstLink(mail.text);
        if (link) {
          const url = new URL(link);
          return `${url.pathname}${url.search}`;
        }
        if (Date.now() > deadline) {
          const seen = received.map((m) => `  ${m.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)';
          throw new Error(`No e-mail "${subject}" with a link reached ${to}. Received:\n${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => catcher.close(),
  };
}
