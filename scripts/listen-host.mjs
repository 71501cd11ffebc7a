// Where `npm start` and `npm run dev` listen. The API has no authentication, so by default only this machine can
// reach it; HOST names another address on purpose (a container, a LAN demo), and then the risk is printed.
const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function listenHost() {
  const host = process.env.HOST?.trim() || '127.0.0.1';
  if (!loopback.has(host)) {
    console.warn(
      `\nWARNING: listening on ${host} (HOST). The API has no authentication: anyone who can reach this address can ` +
        'start and delete runs and read their files. Unset HOST to listen on 127.0.0.1 only.\n',
    );
  }
  return host;
}

/** The address to reach the server at from this machine (a wildcard address is reached through loopback). */
export function localUrlHost(host) {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
