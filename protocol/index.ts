// The wire contract every component shares: MQTT topics and payloads, the site model, the live view.
// Components import from here and never from each other; docs/protocol.md is its reference page.
export * from './arrival-stamps.ts';
export * from './decode.ts';
export * from './ids.ts';
export * from './live-view.ts';
export * from './load-sites.ts';
export * from './opening-hours.ts';
export * from './payloads.ts';
export * from './site-index.ts';
export * from './site-model.ts';
export * from './topic-cache.ts';
export * from './topics.ts';
export * from './zoned-time.ts';
