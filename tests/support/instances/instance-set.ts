// Several Masthead servers (scripts/serve.ts on the integration build) sharing one database,
// with the helpers every instance needs: an SMTP listener and the Stripe double. The double's
// own webhooks go to a collector that only answers 200: tests deliver events themselves, to
// the instances they choose, and read what the double sent from `double.events`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSiteServer, type SiteServer } from '../site-server.ts';
import { appEnvForDouble, DEFAULT_PRICES, startStripeDouble, type StripeDouble } from '../stripe-double/index.ts';
import { startMailBox, type MailBox } from '../mail-box.ts';

export const STRIPE_SECRET_KEY = 'sk_test_instances';
export const STRIPE_WEBHOOK_SECRET = 'whsec_test_instances';

export interface InstanceSet {
  servers: SiteServer[];
  mail: MailBox;
  double: StripeDouble;
  /** Stops every server, then the helpers; safe to call after a failed start or twice. */
  stop(): Promise<void>;
}

export interface InstanceSetOptions {
  /** One port per instance. */
  ports: number[];
  smtpPort: number;
  /** DATABASE_URL (shared) or DATA_DIR (one PGlite, so one instance). */
  database: { DATABASE_URL: string } | { DATA_DIR: string };
  env?: Record<string, string>;
}

async function startCollector(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function startInstanceSet(options: InstanceSetOptions): Promise<InstanceSet> {
  const servers: SiteServer[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      // Servers first (they talk to the helpers), each stopped even if another one fails.
      await Promise.allSettled(servers.map((s) => s.stop()));
      await Promise.allSettled(closers.reverse().map((close) => close()));
    })());
  try {
    const mail = await startMailBox(options.smtpPort);
    closers.push(() => mail.close());
    const collector = await startCollector();
    closers.push(() => new Promise<void>((resolve) => { collector.close(() => resolve()); collector.closeAllConnections(); }));
    const webhookUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/api/stripe/webhook`;
    const double = await startStripeDouble({ webhookUrl, webhookSecret: STRIPE_WEBHOOK_SECRET, prices: DEFAULT_PRICES });
    closers.push(() => double.stop());
    const env = {
      ...options.database,
      ...appEnvForDouble(double, { secretKey: STRIPE_SECRET_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET }),
      SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
      // The tests (and nginx) give each client its own X-Forwarded-For address.
      TRUST_PROXY: 'true',
      ...options.env,
    };
    // One after the other: two cold starts at once on a busy two-core machine only slow both.
    for (const port of options.ports) servers.push(await startSiteServer({ port, env }));
    return { servers, mail, double, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
