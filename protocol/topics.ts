import { isId } from './ids.ts';

/** The root of every Prossima topic; the version is part of the topic so a v2 can live beside it. */
export const TOPIC_ROOT = 'prossima/v1';

/** Prossima's own messages between its components (stats, site models): not sensor data. */
export const SYS_ROOT = 'prossima/sys';

export type MessageKind = 'desk-state' | 'door-count' | 'device-status';

export type TopicAddress =
  | { kind: 'desk-state'; site: string; desk: string }
  | { kind: 'door-count'; site: string; door: string }
  | { kind: 'device-status'; site: string; device: string };

export function deskStateTopic(site: string, desk: string): string {
  return `${TOPIC_ROOT}/${site}/desk/${desk}/state`;
}

export function doorCountTopic(site: string, door: string): string {
  return `${TOPIC_ROOT}/${site}/door/${door}/count`;
}

export function deviceStatusTopic(site: string, device: string): string {
  return `${TOPIC_ROOT}/${site}/device/${device}/status`;
}

/**
 * Where the API publishes a site model (retained, QoS 1) whenever a manager creates or edits it,
 * so ingest and the simulator can follow without a restart. Outside `prossima/v1/…`: it is
 * configuration, not a sensor message.
 */
export function siteModelTopic(site: string): string {
  return `${SYS_ROOT}/sites/${site}`;
}

/** Where an ingest worker publishes its figures, retained (docs/ingest.md). */
export function ingestStatsTopic(clientId: string): string {
  return `${SYS_ROOT}/ingest/${clientId}/stats`;
}

/** Every ingest worker's figures. */
export const INGEST_STATS_FILTER = `${SYS_ROOT}/ingest/+/stats`;

/** The filter for everything of one site, or of every site when `site` is omitted. */
export function siteFilter(site?: string): string {
  return `${TOPIC_ROOT}/${site ?? '+'}/#`;
}

/** Parses a topic into its address; `undefined` for anything that is not a Prossima v1 topic. */
export function parseTopic(topic: string): TopicAddress | undefined {
  const parts = topic.split('/');
  if (parts.length !== 6 || parts[0] !== 'prossima' || parts[1] !== 'v1') return undefined;
  const [, , site = '', kind, id = '', leaf] = parts;
  if (!isId(site) || !isId(id)) return undefined;
  if (kind === 'desk' && leaf === 'state') return { kind: 'desk-state', site, desk: id };
  if (kind === 'door' && leaf === 'count') return { kind: 'door-count', site, door: id };
  if (kind === 'device' && leaf === 'status') return { kind: 'device-status', site, device: id };
  return undefined;
}
