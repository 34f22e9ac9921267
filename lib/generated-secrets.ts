import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedSecrets } from './config-schema';

const FILE = 'sandbox-secrets.json';

function rsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function fresh(): GeneratedSecrets {
  const hex = (n: number) => randomBytes(n).toString('hex');
  return {
    authSecret: randomBytes(32).toString('base64url'),
    // Standard base64 plus the three characters FAQ Q2 is about, so an un-encoded secret fails
    // exactly as in production (docs/partners/ultra.md#client-id-forms, #grant-exchange).
    ultraClientSecret: `${randomBytes(18).toString('base64')}+/=`,
    ultraPrivateKey: rsaPrivateKeyPem(),
    flexitiClientId: `sandbox-merchant-${hex(4)}`,
    flexitiClientSecret: hex(20),
    opentvClientId: 'crm_client',
    opentvClientSecret: hex(20),
    opentvUsername: 'crm_client_user',
    opentvPassword: hex(12),
    opentvWebhookSecret: hex(24),
    sandboxKeycloakPrivateKey: rsaPrivateKeyPem(),
  };
}

/**
 * Sandbox mode only: the secrets the app and its partner sandboxes share, generated on first use
 * into the data folder and reused after. Written with `wx` so two processes starting together
 * agree on one set (the loser reads the winner's file).
 */
export function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const path = join(dataDir, FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GeneratedSecrets;
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, JSON.stringify(fresh(), null, 2), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return JSON.parse(readFileSync(path, 'utf8')) as GeneratedSecrets;
  }
}
