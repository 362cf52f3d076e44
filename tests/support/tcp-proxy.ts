// A TCP proxy that can play a database outage: it pipes every connection to a target (the
// local PostgreSQL by default); cut() destroys the live connections and refuses new ones, as
// a database that went away would; restore() lets connections through again.
//
//   const proxy = await startTcpProxy({ port: await freePort() });   // DATABASE_URL → 127.0.0.1:<proxy.port>
//   proxy.cut(); … proxy.restore(); … await proxy.close();
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections accepted and piped since the start (refused ones not counted). */
  connectionsPiped(): number;
  /** Destroys every live connection (both sides) and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  isCut(): boolean;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  port: number;
  targetHost?: string;
  targetPort?: number;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  const targetPort = options.targetPort ?? 5432;
  const live = new Set<net.Socket>();
  let cut = false;
  let piped = 0;

  const server = net.createServer((client) => {
    if (cut) {
      // A reset rather than a polite close: what a client sees when nothing serves the port.
      client.resetAndDestroy();
      return;
    }
    piped++;
    const upstream = net.connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      live.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => live.delete(socket));
      // Errors are the point of this proxy; each one ends both sides.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`The TCP proxy cannot listen on 127.0.0.1:${options.port}: ${error.message}`)));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    connectionsPiped: () => piped,
    cut() {
      cut = true;
      for (const socket of live) socket.resetAndDestroy();
      live.clear();
    },
    restore() {
      cut = false;
    },
    isCut: () => cut,
    async close() {
      cut = true;
      for (const socket of live) socket.destroy();
      live.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
