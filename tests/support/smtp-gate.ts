// A TCP gate in front of the test mail catcher, to play a mail server that is down, slow or
// silent: 'pass' pipes connections through, 'refuse' drops them at once (a server that is
// down), 'hold' keeps them waiting without a greeting until release() (a server that has not
// answered yet), and `delayMs` holds each new connection that long before piping it.
//
//   const gate = await startSmtpGate(catcher.port);   // smtpUrl → 127.0.0.1:<free port>
//   gate.mode('refuse'); … gate.mode('pass'); … await gate.close();
import net from 'node:net';

export type GateMode = 'pass' | 'refuse' | 'hold';

export interface SmtpGate {
  smtpUrl: string;
  /** Connections that reached the gate since it started (refused ones included). */
  connections(): number;
  mode(mode: GateMode, delayMs?: number): void;
  /** Lets the held connections through (and new ones: the mode becomes 'pass'). */
  release(): void;
  close(): Promise<void>;
}

export async function startSmtpGate(targetPort: number): Promise<SmtpGate> {
  let current: GateMode = 'pass';
  let delayMs = 0;
  let count = 0;
  const held: net.Socket[] = [];
  const live = new Set<net.Socket>();
  const pipe = (client: net.Socket) => {
    if (client.destroyed) return;
    const upstream = net.connect(targetPort, '127.0.0.1');
    live.add(upstream);
    upstream.on('close', () => live.delete(upstream));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  const server = net.createServer((client) => {
    count += 1;
    live.add(client);
    client.on('close', () => live.delete(client));
    client.on('error', () => {});
    if (current === 'refuse') return void client.destroy();
    if (current === 'hold') return void held.push(client);
    if (delayMs > 0) return void setTimeout(() => pipe(client), delayMs);
    pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    connections: () => count,
    mode(mode, delay = 0) {
      current = mode;
      delayMs = delay;
    },
    release() {
      current = 'pass';
      for (const client of held.splice(0)) pipe(client);
    },
    close() {
      for (const socket of live) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
