/** The network port over Node's own modules: what the product runs with on every platform. */
import { nodeDnsQueries } from './node-dns';
import { nodeHttpGet } from './node-http-get';
import { probeTls } from './node-tls-probe';
import type { NetworkPort } from './ports';

export function nodeNetwork(): NetworkPort {
  return { dns: nodeDnsQueries, probeTls, httpGet: nodeHttpGet };
}
