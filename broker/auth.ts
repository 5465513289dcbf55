import type { AedesOptions, AedesPublishPacket, Client, ConnectPacket, PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import { cachedTopicParser } from '../protocol/index.ts';
import type { Accounts } from './accounts.ts';
import { type Identity, mayPublish, maySubscribe } from './acl.ts';
import {
  connectViolation,
  deliverAtHighestQos,
  filterViolation,
  grantedQos,
  topicNameViolation,
} from './conformance.ts';
import { type Limits, type RateLimiter, rateLimiter, topicTooBig } from './limits.ts';
import type { DeniedAction, MetricsRecorder } from './metrics.ts';

// aedes' hooks, in one place: who may connect, publish and subscribe, within which limits. Every refusal
// is counted and logged with the client id and reason, never the password.

/** An error that disconnects the client; already counted, so the clientError handler skips it. */
export class DropError extends Error {
  override name = 'DropError';
}

type Session = {
  clientId: string;
  clean: boolean;
  will: ConnectPacket['will'];
  identity?: Identity;
  username?: string;
  bucket?: RateLimiter;
};

type AuthHooks = Required<
  Pick<
    AedesOptions,
    'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe' | 'authorizeForward'
  >
>;

export type AuthOptions = {
  accounts: Accounts;
  allowAnonymous: boolean;
  limits: Limits;
  metrics: MetricsRecorder;
  logger: Logger;
  now: () => number;
};

export type Auth = {
  hooks: AuthHooks;
  /** Disconnects every client logged in as one of `usernames` (revoked or rotated). */
  disconnect(usernames: Set<string>): void;
  /** Counts and logs a client the broker dropped; returns the error that makes aedes close it. */
  drop(client: Client | null, reason: string, detail?: string): DropError;
};

const RETURN = { identifierRejected: 2, badCredentials: 4, notAuthorized: 5 } as const;

export function createAuth(options: AuthOptions): Auth {
  const { accounts, limits, metrics, logger } = options;
  const sessions = new WeakMap<Client, Session>();
  const byUsername = new Map<string, Set<Client>>();
  // A site's devices publish the same few thousand topics over and over.
  const parse = cachedTopicParser();

  const deny = (action: DeniedAction, client: Client, code: string, reason: string) => {
    metrics.denied(action, code);
    const session = sessions.get(client);
    logger.warn({ clientId: client.id, username: session?.username, action, reason }, 'mqtt denied');
  };
  const drop = (client: Client | null, reason: string, detail?: string) => {
    metrics.dropped(reason);
    logger.warn({ clientId: client?.id, reason, detail }, 'mqtt client dropped');
    return new DropError(detail ? `${reason}: ${detail}` : reason);
  };
  const refuse = (returnCode: number, message: string) =>
    Object.assign(new Error(message), { returnCode }) as Error & { returnCode: 2 | 4 | 5 };

  const hooks: AuthHooks = {
    preConnect: (client, packet, done) => {
      const violation = connectViolation(packet);
      if (violation) return done(drop(client, 'protocol-error', violation), false);
      sessions.set(client, { clientId: packet.clientId, clean: packet.clean !== false, will: packet.will });
      deliverAtHighestQos(client);
      done(null, true);
    },
    authenticate: (client, username, password, done) => {
      const session = sessions.get(client);
      if (!session) return done(refuse(RETURN.notAuthorized, 'no session'), false);
      const fail = (returnCode: 2 | 4 | 5, code: string, reason: string) => {
        deny('connect', client, code, reason);
        done(refuse(returnCode, reason), false);
      };
      // [MQTT-3.1.3-8] aedes invents an id for an empty one even without a clean session.
      if (session.clientId === '' && !session.clean) {
        return fail(
          RETURN.identifierRejected,
          'client-id',
          '[MQTT-3.1.3-8] empty client id needs clean session',
        );
      }
      const login = async (): Promise<Identity | undefined> => {
        if (username === undefined) {
          if (options.allowAnonymous) return { kind: 'anonymous' };
          fail(RETURN.notAuthorized, 'anonymous', 'anonymous clients are refused (no user name)');
          return undefined;
        }
        const result = await accounts.login(username, password?.toString('utf8') ?? '');
        if (!result.ok) fail(RETURN.badCredentials, 'bad-credentials', `user ${username}: ${result.reason}`);
        return result.ok ? result.identity : undefined;
      };
      login().then(
        (identity) => {
          if (!identity) return;
          const reason = connectRefusal(identity, username, client.id, session, accounts, limits);
          if (reason) return fail(reason.returnCode, reason.code, reason.reason);
          session.identity = identity;
          session.username = username;
          if (identity.kind === 'anonymous' || (username !== undefined && accounts.isDevice(username))) {
            session.bucket = rateLimiter(limits.publishRate, limits.publishBurst);
          }
          if (username !== undefined) track(byUsername, username, client);
          done(null, true);
        },
        (error: Error) => fail(RETURN.notAuthorized, 'error', error.message),
      );
    },
    authorizePublish: (client, packet, done) => {
      // A will aedes publishes for a client gone before a restart: it was checked at CONNECT.
      if (!client) return done(null);
      const session = sessions.get(client);
      if (!session?.identity) return done(drop(client, 'not-authenticated'));
      if (packet === (session.will as unknown)) return done(null);
      const error = publishRefusal(client, packet, session, limits, options.now);
      if (error) return done(drop(client, error.reason, error.detail));
      const denied = mayPublish(session.identity, packet.topic, parse);
      if (denied) {
        deny('publish', client, 'acl', `${packet.topic}: ${denied}`);
        // [MQTT-3.3.5-2] the server may close the connection of a client it does not authorize.
        return done(new DropError(denied));
      }
      metrics.messageIn();
      done(null);
    },
    authorizeSubscribe: (client, subscription, done) => {
      const session = sessions.get(client);
      if (!session?.identity) return done(drop(client, 'not-authenticated'));
      const invalid = filterViolation(subscription.topic) ?? topicTooBig(subscription.topic, limits);
      if (invalid) return done(drop(client, 'bad-filter', invalid));
      const denied = maySubscribe(session.identity, subscription.topic);
      if (denied) {
        deny('subscribe', client, 'acl', `${subscription.topic}: ${denied}`);
        return done(null, null); // SUBACK 0x80 for this filter [MQTT-3.9.3]
      }
      done(null, subscription);
    },
    authorizeForward: (client, packet) => forward(client, packet, metrics),
  };

  return {
    hooks,
    drop,
    disconnect: (usernames) => {
      for (const username of usernames) {
        for (const client of byUsername.get(username) ?? []) {
          logger.warn({ clientId: client.id, username }, 'credentials revoked or rotated: disconnecting');
          client.close();
        }
        byUsername.delete(username);
      }
    },
  };
}

function track(byUsername: Map<string, Set<Client>>, username: string, client: Client): void {
  const clients = byUsername.get(username) ?? new Set<Client>();
  clients.add(client);
  byUsername.set(username, clients);
  client.conn.once('close', () => {
    clients.delete(client);
    if (clients.size === 0 && byUsername.get(username) === clients) byUsername.delete(username);
  });
}

function connectRefusal(
  identity: Identity,
  username: string | undefined,
  clientId: string,
  session: Session,
  accounts: Accounts,
  limits: Limits,
): { returnCode: 2 | 5; code: string; reason: string } | undefined {
  // A registered device connects as itself, and nobody else may take its client id: a takeover
  // [MQTT-3.1.4-2] would disconnect it.
  const isDevice = username !== undefined && accounts.isDevice(username);
  if (isDevice && clientId !== username) {
    return { returnCode: 2, code: 'client-id', reason: `device ${username} must use client id ${username}` };
  }
  if (!isDevice && accounts.isDevice(clientId)) {
    return {
      returnCode: 2,
      code: 'client-id',
      reason: `client id ${clientId} belongs to a registered device`,
    };
  }
  if (session.will) {
    const { topic, payload } = session.will;
    const bad =
      topicTooBig(topic, limits) ??
      (payload.length > limits.maxPayloadBytes ? 'will payload too large' : undefined) ??
      mayPublish(identity, topic);
    if (bad) return { returnCode: 5, code: 'will', reason: `will ${topic}: ${bad}` };
  }
  return undefined;
}

function publishRefusal(
  client: Client,
  packet: PublishPacket,
  session: Session,
  limits: Limits,
  now: () => number,
): { reason: string; detail: string } | undefined {
  const invalid = topicNameViolation(packet.topic);
  if (invalid) return { reason: 'protocol-error', detail: invalid };
  const big = topicTooBig(packet.topic, limits);
  if (big) return { reason: 'topic-too-big', detail: big };
  const size = packet.payload.length;
  if (size > limits.maxPayloadBytes) {
    return { reason: 'payload-too-large', detail: `${size} bytes > ${limits.maxPayloadBytes}` };
  }
  if (session.bucket && !session.bucket.take(now())) {
    return { reason: 'rate-limit', detail: `${client.id} above ${limits.publishRate}/s` };
  }
  return undefined;
}

function forward(
  client: Client,
  packet: AedesPublishPacket,
  metrics: MetricsRecorder,
): AedesPublishPacket | null {
  const granted = grantedQos(client, packet.topic);
  // [MQTT-4.7.2-1] a filter starting with a wildcard must not match a `$` topic; aedes sends
  // retained `$` messages to `#` subscribers.
  if (granted < 0 && packet.topic.startsWith('$')) return null;
  // [MQTT-3.8.4-6] delivered QoS is the minimum of the message's and the granted one; aedes sends
  // at the message's QoS through wildcard subscriptions and for retained messages.
  if (granted >= 0 && packet.qos > granted) packet.qos = granted as 0 | 1 | 2;
  metrics.messageOut();
  return packet;
}
