import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; Infinity for entries without an expiry. */
  expiresAt: number;
}

/**
 * The demo provider's storage (sessions, interactions, codes, grants) in one process's memory: the
 * demo forgets its provider's sessions on restart, as it forgets its mailbox. An adapter of our own
 * rather than the package's built-in one, which is for quick starts and says so on every start.
 */
export function memoryStore(): new (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const key = (model: string, id: string) => `${model}:${id}`;
  const live = (k: string | undefined): AdapterPayload | undefined => {
    if (k === undefined) return undefined;
    const entry = entries.get(k);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(k);
      return undefined;
    }
    return entry.payload;
  };
  /** Secondary lookups (session by uid, anything by user code) and a grant's members. */
  const index = new Map<string, string>();
  const grants = new Map<string, Set<string>>();

  return class DemoStore implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const k = key(this.model, id);
      entries.set(k, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (payload.uid) index.set(`uid:${payload.uid}`, k);
      if (payload.userCode) index.set(`userCode:${payload.userCode}`, k);
      if (payload.grantId) {
        const members = grants.get(payload.grantId) ?? new Set<string>();
        members.add(k);
        grants.set(payload.grantId, members);
      }
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return live(key(this.model, id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return live(index.get(`uid:${uid}`));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return live(index.get(`userCode:${userCode}`));
    }

    async consume(id: string): Promise<void> {
      const payload = live(key(this.model, id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(key(this.model, id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const k of grants.get(grantId) ?? []) entries.delete(k);
      grants.delete(grantId);
    }
  };
}
