import { newSecret, type ServiceAccount } from '../broker/index.ts';
import type { Site } from '../protocol/index.ts';

type Login = { mqttUsername: string; mqttPassword: string };

/**
 * The accounts `prossima start` gives its own services, with secrets made for this run and never
 * written: ingest and the API read; the simulator is one publisher bound to every place of the
 * simulated sites (its devices share the account; each still connects with its own client id).
 */
export function serviceAuth(sites: readonly Site[]): {
  services: ServiceAccount[];
  login: Record<'ingest' | 'api' | 'sim', Login>;
} {
  const secret = { ingest: newSecret(), api: newSecret(), sim: newSecret() };
  const services: ServiceAccount[] = [
    { username: 'prossima-ingest', secret: secret.ingest, role: 'reader' },
    { username: 'prossima-api', secret: secret.api, role: 'reader' },
    { username: 'prossima-sim', secret: secret.sim, role: 'publisher', sites: sites.map((s) => s.id) },
  ];
  const login = (name: keyof typeof secret): Login => ({
    mqttUsername: `prossima-${name}`,
    mqttPassword: secret[name],
  });
  return { services, login: { ingest: login('ingest'), api: login('api'), sim: login('sim') } };
}
