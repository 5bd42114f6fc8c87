/**
 * The configured target systems (SESAME_TARGETS_FILE, or the demo's), each with its connector:
 * the one place that turns a target definition into a `Connector`.
 */
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import { builtInConnector } from './built-in-connector';
import type { Connector } from './connector';
import { ldapConnector } from './ldap-connector';
import type { TargetDefinition, TargetNames } from './targets-file';

export interface Target {
  id: string;
  name: TargetNames;
  connector: Connector;
}

export interface TargetRegistry {
  list(): readonly Target[];
  get(id: string): Target | undefined;
}

export function createTargetRegistry(definitions: readonly TargetDefinition[], store: Store, now: Clock): TargetRegistry {
  const targets = definitions.map((d) => ({
    id: d.id,
    name: d.name,
    connector: d.connector === 'built-in' ? builtInConnector(store, d.id, now) : ldapConnector(d.ldap),
  }));
  const byId = new Map(targets.map((t) => [t.id, t]));
  return { list: () => targets, get: (id) => byId.get(id) };
}
