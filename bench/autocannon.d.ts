// The part of autocannon's API the benches use (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: Request[];
  }
  /** The request autocannon is about to send: `setupRequest` returns it changed, or null to start the list over. */
  interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Request {
    // The context is each connection's own object, fresh for every pass through `requests`; `never`
    // lets each handler give it the type it keeps there.
    setupRequest?: (request: RawRequest, context: never) => RawRequest | null;
    onResponse?: (status: number, body: string, context: never) => void;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
