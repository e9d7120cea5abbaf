/**
 * The VNeID simulator on its own, for trying CPĐT (or any OpenID relying party) against it:
 *
 *   node bin/run-ts.mjs src/simulators/vneid/main.ts [--port 3001] [--host 127.0.0.1]
 *     [--client-id cpdt] [--client-secret …] [--redirect-uri http://127.0.0.1:3000/api/auth/eid/callback …]
 *
 * It prints the EID_* settings that point CPĐT at it. Stop it with Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { DEMO_CITIZENS, SIMULATOR_PASSWORD } from './citizens.js';
import { startVneidSimulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3001' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string', default: 'cpdt' },
    'client-secret': { type: 'string', default: 'cpdt-vneid-simulator-secret' },
    'redirect-uri': {
      type: 'string',
      multiple: true,
      default: ['http://127.0.0.1:3000/api/auth/eid/callback', 'http://localhost:3000/api/auth/eid/callback'],
    },
  },
});

const sim = await startVneidSimulator({
  port: Number(values.port),
  host: values.host,
  clients: [
    {
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      redirectUris: values['redirect-uri'],
      postLogoutRedirectUris: values['redirect-uri'].map((u) => new URL('/', u).href),
    },
  ],
});
console.log(`Trình mô phỏng VNeID (không phải VNeID thật) / VNeID simulator (not the real VNeID): ${sim.issuer}

Cấu hình CPĐT / CPĐT settings:
  EID_ISSUER=${sim.issuer} EID_CLIENT_ID=${values['client-id']} EID_CLIENT_SECRET=${values['client-secret']} \\
  EID_SCOPES="openid profile email phone address" npx cpdt serve

Công dân mẫu / demo citizens (mật khẩu / password ${SIMULATOR_PASSWORD}):
  ${DEMO_CITIZENS.map((c) => `${c.personalId}  ${c.name}`).join('\n  ')}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void sim.close().then(() => process.exit(0)));
