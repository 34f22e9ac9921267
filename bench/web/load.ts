import autocannon from 'autocannon';

/**
 * Requests per second that `connections` keep-alive clients get from `url` (autocannon, loopback);
 * `headers` go with every request (a signed-in customer's cookie).
 */
export async function throughput(
  url: string,
  opts: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<number> {
  const { headers } = opts;
  // A short unmeasured burst first, so both servers are measured warm.
  await autocannon({ url, connections: opts.connections, duration: 1, headers });
  const result = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${url}: ${bad} of ${result.requests.total} requests failed under load`);
  return result.requests.average;
}
