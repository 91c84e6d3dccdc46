/**
 * Where the portal may send a webhook: a name that resolves to public addresses only, unless the
 * portal allows private networks (an intranet document system, tests). Checked at registration and
 * again at each delivery, which connects to the address checked (no second DNS answer can move it).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from '../organizations/site-check.ts';

export interface ResolvedTarget {
  address: string;
  family: number;
}

/** Why the address is refused: the contract's reason, with English text as the message. */
export class AddressRefused extends Error {
  constructor(
    readonly reason: 'host-not-found' | 'address-not-public',
    message: string,
  ) {
    super(message);
  }
}

const PRIVATE_ADDRESS =
  'The address is in a private, loopback or link-local network; the portal does not send there';
const doesNotResolve = (host: string) => `The name ${host} does not resolve`;

/** Whether a failed attempt's stored error is this guard's refusal (the console says so in words). */
export function isAddressRefusal(error: string): boolean {
  return error === PRIVATE_ADDRESS || /^The name \S+ does not resolve$/.test(error);
}

/** Resolves the URL's host and returns the address to connect to; throws {@link AddressRefused}. */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<ResolvedTarget> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedTarget[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new AddressRefused('host-not-found', doesNotResolve(host));
    }
  }
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    throw new AddressRefused('address-not-public', PRIVATE_ADDRESS);
  }
  const first = addresses[0];
  if (!first) throw new AddressRefused('host-not-found', doesNotResolve(host));
  return first;
}
