import crypto from 'node:crypto';
import type { Config } from '../../platform/config/index.js';
import { startVneidSimulator } from './server.js';

export interface DemoEid {
  /** The configuration with the e-ID adapter pointed at the simulator. */
  config: Config;
  issuer: string;
  close(): Promise<void>;
}

const CLIENT_ID = 'cpdt-demo';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '0.0.0.0', '::1', '::']);

/** Where CPĐT can be reached by a browser: the callback must be registered for each exactly. */
function appOrigins(config: Config): string[] {
  const origins = new Set<string>();
  if (config.PUBLIC_URL) origins.add(new URL(config.PUBLIC_URL).origin);
  if (config.PORT !== 0)
    for (const host of LOOPBACK.has(config.HOST) ? ['127.0.0.1', 'localhost'] : [config.HOST])
      origins.add(`http://${host}:${config.PORT}`);
  return [...origins];
}

/**
 * Demo mode (`cpdt start` without EID_ISSUER): runs the VNeID simulator beside CPĐT, with a client
 * registered for this server's callback, and points the e-ID adapter at it. With EID_ISSUER set this does
 * nothing — a real provider is never shadowed. If the simulator cannot start (its port is taken), CPĐT
 * starts anyway, without e-ID sign-in.
 */
export async function startDemoEid(config: Config, env = process.env): Promise<DemoEid | null> {
  if (config.EID_ISSUER) return null;
  const origins = appOrigins(config);
  if (origins.length === 0) {
    console.warn('Trình mô phỏng VNeID không chạy khi PORT=0 / The VNeID simulator needs a fixed PORT.');
    return null;
  }
  const clientSecret = crypto.randomBytes(32).toString('base64url');
  const publicHost = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : undefined;
  try {
    const sim = await startVneidSimulator({
      port: config.EID_SIMULATOR_PORT,
      // Only this machine: anyone who reached the simulator could sign in as a demo citizen.
      host: '127.0.0.1',
      ...(publicHost ? { publicHost } : {}),
      unref: true, // CPĐT's own server keeps the process alive; a failed start must still exit
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret,
          name: 'CPĐT — Nền tảng Chính phủ điện tử (bản chạy thử)',
          redirectUris: origins.map((o) => `${o}/api/auth/eid/callback`),
          postLogoutRedirectUris: origins.map((o) => `${o}/`),
        },
      ],
    });
    return {
      config: {
        ...config,
        EID_ISSUER: sim.issuer,
        EID_CLIENT_ID: CLIENT_ID,
        EID_CLIENT_SECRET: clientSecret,
        // the simulator has every claim; ask for the contact details too unless the operator chose
        EID_SCOPES: env['EID_SCOPES'] ?? 'openid profile email phone address',
      },
      issuer: sim.issuer,
      close: () => sim.close(),
    };
  } catch (e) {
    console.warn(
      `Không khởi động được trình mô phỏng VNeID trên cổng ${config.EID_SIMULATOR_PORT}; đăng nhập bằng định danh điện tử tắt.\n` +
        `The VNeID simulator could not start on port ${config.EID_SIMULATOR_PORT} (${e instanceof Error ? e.message : String(e)}); e-ID sign-in is off.`,
    );
    return null;
  }
}
