import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './keys.ts';

/**
 * Secrets the portal must read back (a person's TOTP secret) are kept encrypted: AES-256-GCM under a
 * key derived from the portal's key ring for `purpose`, stored as `iv.tag.data` (base64url).
 */
export async function sealSecret(keys: KeyRing, purpose: string, plain: string): Promise<string> {
  const key = Buffer.from(await keys.sign(`secret-box:${purpose}`, 'aes-256-gcm'), 'hex');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
}

/** Opens what {@link sealSecret} sealed; throws if it was altered or sealed under another key. */
export async function openSecret(keys: KeyRing, purpose: string, sealed: string): Promise<string> {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (iv === undefined || tag === undefined || data === undefined) throw new Error('Malformed sealed secret');
  const key = Buffer.from(await keys.sign(`secret-box:${purpose}`, 'aes-256-gcm'), 'hex');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
