// Who may hold the host's connections, and for how long. A slow client (slowloris: headers or a
// body trickled a byte at a time) is cut off after a short time, and a peer that is not this
// machine holds at most a few dozen connections at once; loopback peers are not capped, since local
// services open many connections at once when they all start together.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack socket's view of 127.0.0.1). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export interface ConnectionLimits {
  /** All of a request's headers must arrive within this (node:http answers 408 and closes). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** Connections one non-loopback address may hold at once; one more is closed unanswered. */
  perPeer: number;
  /** How often node:http looks for requests past those times. */
  checkEveryMs: number;
}

/**
 * About ten seconds for a request: every route takes a small body (512 KB at most) that a client on
 * any working network sends within that. Node's default was 300 s, so 10,000 trickled requests held
 * every connection slot for minutes.
 */
export const LIMITS: ConnectionLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 10_000, perPeer: 64, checkEveryMs: 1_000 };

/** The options for createServer that carry the time limits (checkEveryMs only works there). */
export function serverTimeouts(limits: ConnectionLimits): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  return { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkEveryMs };
}

/** Caps the connections each non-loopback peer holds at once. */
export function capPeers(server: Server, limits: ConnectionLimits): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress;
    if (peer === undefined || isLoopbackPeer(peer)) return;
    const n = (open.get(peer) ?? 0) + 1;
    if (n > limits.perPeer) {
      socket.destroy();
      return;
    }
    open.set(peer, n);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left > 0) open.set(peer, left);
      else open.delete(peer);
    });
  });
}
