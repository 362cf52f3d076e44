// One HTTPS request to nginx's TLS port, which has a throwaway self-signed certificate
// (fetch has no per-request switch to accept one).
import { request } from 'node:https';

export interface TlsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

export function tlsRequest(url: string, options: { method: string; headers: Record<string, string>; body?: string }): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
