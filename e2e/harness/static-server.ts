/**
 * Serves the built renderer on loopback with the app's own headers (the same CSP the app's
 * `app://` protocol sends), through the same file reader the app uses.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRendererFile } from '../../src/main/app/renderer-files';

export interface RendererServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function serveRenderer(rootDir: string): Promise<RendererServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    void readRendererFile(rootDir, pathname).then(
      (file) => {
        response.writeHead(file.status, file.headers);
        response.end(request.method === 'HEAD' ? undefined : file.body);
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
