import { parseTopic, SYS_ROOT, TOPIC_ROOT, type TopicParser } from '../protocol/index.ts';

// Who may publish and subscribe to what. Pure functions of an identity and a topic, so every rule is
// tested without a socket; auth.ts applies them to aedes' hooks and counts what they deny.

/** The desks and doors one site's publisher may report for; `all` is every one of the site. */
export type SitePlaces = { all: boolean; desks: ReadonlySet<string>; doors: ReadonlySet<string> };

export type Identity =
  /** A sensor, gateway or the simulator: publishes for its places; subscribes to nothing. */
  | { kind: 'publisher'; id: string; places: ReadonlyMap<string, SitePlaces> }
  /** Ingest or the API: subscribes under prossima/v1/ and prossima/sys/; publishes only under prossima/sys/. */
  | { kind: 'reader'; id: string }
  /** No credentials, with --allow-anonymous: anything but the broker's own `$` topics. */
  | { kind: 'anonymous' };

const ROOT_LEVELS = TOPIC_ROOT.split('/');
/**
 * Where services report their own health (ingest's retained stats, read by the API). Readers may
 * publish here and only here, so a leaked service secret can never forge a sensor's data.
 */
const SYS_LEVELS = SYS_ROOT.split('/');

/**
 * Why `identity` may not publish to `topic`, or undefined when it may. `parse` reads the topic: the
 * broker, which checks every message, passes a `cachedTopicParser()`.
 * @example mayPublish(device, 'prossima/v1/demo/desk/a-02/state') // 'desk a-02 is not bound to ds-a-01'
 */
export function mayPublish(
  identity: Identity,
  topic: string,
  parse: TopicParser = parseTopic,
): string | undefined {
  // [MQTT-4.7.2-1] `$` topics are the server's: no client may publish to them.
  if (topic.startsWith('$')) return 'topics starting with $ are reserved for the broker';
  if (identity.kind === 'anonymous') return undefined;
  if (identity.kind === 'reader') {
    return underRoot(topic, SYS_LEVELS)
      ? undefined
      : `a reader may publish only its health under ${SYS_ROOT}/`;
  }
  const address = parse(topic);
  if (!address) return `not a ${TOPIC_ROOT} desk, door or status topic`;
  const places = identity.places.get(address.site);
  if (!places) return `site ${address.site} is not bound to ${identity.id}`;
  switch (address.kind) {
    case 'desk-state':
      return places.all || places.desks.has(address.desk)
        ? undefined
        : `desk ${address.desk} is not bound to ${identity.id}`;
    case 'door-count':
      return places.all || places.doors.has(address.door)
        ? undefined
        : `door ${address.door} is not bound to ${identity.id}`;
    case 'device-status':
      return places.all || address.device === identity.id
        ? undefined
        : `a device may publish only its own status (${identity.id}, not ${address.device})`;
  }
}

/** Why `identity` may not subscribe to `filter`, or undefined when it may. */
export function maySubscribe(identity: Identity, filter: string): string | undefined {
  if (identity.kind === 'anonymous') return undefined;
  if (identity.kind === 'publisher') return `${identity.id} is a device and may not subscribe`;
  return underRoot(filter, ROOT_LEVELS) || underRoot(filter, SYS_LEVELS)
    ? undefined
    : `a reader may subscribe only under ${TOPIC_ROOT}/ and ${SYS_ROOT}/`;
}

function underRoot(topic: string, root: readonly string[]): boolean {
  const levels = topic.split('/');
  return levels.length > root.length && root.every((level, i) => levels[i] === level);
}

/** The places of one device record: its site, and its desks and doors. */
export function placesOf(
  site: string,
  desks: readonly string[],
  doors: readonly string[],
  all: boolean,
): ReadonlyMap<string, SitePlaces> {
  return new Map([[site, { all, desks: new Set(desks), doors: new Set(doors) }]]);
}
