import { createServer as createTcpServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { createServer as createTlsServer, connect as tlsConnect } from "node:tls";
import {
  describeStreamError,
  type StreamTls,
  streamClientOptions,
  streamServerOptions,
} from "../auth/stream-tls";

/**
 * The sockets of a migration's streams, plain TCP or TLS (stream-tls.ts) by the agent's config:
 * the drivers' protocols run on either alike. With TLS, a connection is handed over only once the
 * handshake verified the peer's certificate; anyone else is dropped before sending a byte.
 */

export interface StreamListener {
  server: Server;
  port: number;
}

/** Listens on a port the kernel picks; `onSocket` gets each connection (verified, with TLS). */
export async function listenForStream(
  host: string,
  tls: StreamTls | undefined,
  onSocket: (socket: Socket) => void,
): Promise<StreamListener> {
  const server = tls
    ? createTlsServer(streamServerOptions(tls), onSocket)
    : createTcpServer({ noDelay: true }, onSocket);
  // A client refused in the handshake is dropped by Node; the listener stays open for the source.
  if (tls) server.on("tlsClientError", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stream listener has no port");
  return { server, port: address.port };
}

/** Connects (and, with TLS, completes the handshake) within `timeoutMs`, or fails saying why. */
export async function connectStream(where: {
  host: string;
  port: number;
  tls: StreamTls | undefined;
  timeoutMs: number;
  /** What the error says it could not reach, e.g. "the control link of target h:p". */
  what: string;
}): Promise<Socket> {
  const { host, port, tls } = where;
  const socket = tls ? tlsConnect(streamClientOptions(tls, host, port)) : tcpConnect({ host, port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => socket.destroy(new Error("timed out")), where.timeoutMs);
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`cannot reach ${where.what}: ${describeStreamError(error)}`));
    };
    socket.once("error", onError);
    socket.once(tls ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.off("error", onError); // the caller's protocol takes the socket's errors from here
      resolve();
    });
  });
  return socket;
}
