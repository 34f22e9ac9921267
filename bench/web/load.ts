import autocannon from 'autocannon';

/** Requests per second that `connections` keep-alive clients get from `url` (autocannon, loopback). */
export async function throughput(url: string, opts: { seconds: number; connections: number }): Promise<number> {
  // A short unmeasured burst first, so both servers are measured warm.
  await autocannon({ url, connections: opts.connections, duration: 1 });
  const result = await autocannon({ url, connections: opts.connections, duration: opts.seconds });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${url}: ${bad} of ${result.requests.total} requests failed under load`);
  return result.requests.average;
}
