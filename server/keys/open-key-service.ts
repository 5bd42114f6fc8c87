/**
 * The key service of a running Sésame, from its configuration: SESAME_SECRET_KEY (and
 * SESAME_PREVIOUS_SECRET_KEYS after a rotation), or the key file in the data directory.
 */
import type { Config } from '../config';
import { createKeyService, type KeyService } from './key-service';
import { loadRootSecret } from './root-secret';

export function openKeyService(config: Pick<Config, 'keys' | 'dataDir'>, { create = true } = {}): KeyService {
  const current = loadRootSecret({ configured: config.keys.secret, dataDir: config.dataDir, create });
  return createKeyService(
    current,
    config.keys.previous.map((secret) => secret.bytes()),
  );
}
