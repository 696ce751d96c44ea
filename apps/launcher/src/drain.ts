import type { Server } from 'node:http';

/**
 * Stops accepting connections and resolves once every request in flight — SSE streams included —
 * has finished. Idle keep-alive connections are closed as they become idle, so they cannot hold
 * the shutdown. The caller bounds the wait (SHUTDOWN_TIMEOUT_SECONDS).
 */
export function drainHttpServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 250);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
