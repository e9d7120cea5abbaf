import { parseArgs } from 'node:util';
import { errorSpec, isAppError } from '../platform/errors/index.js';
import type { Platform } from '../platform/platform.js';
import { createAdministrator, recoverAccount } from '../modules/identity/index.js';

export const ADMIN_HELP = `cpdt admin — tài khoản quản trị từ dòng lệnh / administrator accounts from the command line

  cpdt admin create <username> --name "Họ và tên" [--email …] [--agency 000.00.00.G22]
      tạo quản trị viên đầu tiên; in mật khẩu ban đầu một lần / create the first administrator; prints a
      one-time initial password (a second factor is set up at the first sign-in)
  cpdt admin unlock <username> [--reset-mfa]
      mở khoá tài khoản (và xoá yếu tố xác thực để đăng ký lại) / unlock an account (and clear its second
      factors so the person enrols again)`;

/** `cpdt admin …` with the platform open; returns the exit status (0 done, 1 refused, 2 usage). */
export async function adminCommand(p: Platform, argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        agency: { type: 'string' },
        'reset-mfa': { type: 'boolean' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${ADMIN_HELP}`);
    return 2;
  }
  const [sub, username, extra] = parsed.positionals;
  const { values } = parsed;
  if (!username || extra !== undefined || (sub === 'create' && !values.name)) {
    console.error(ADMIN_HELP);
    return 2;
  }
  try {
    if (sub === 'create') {
      const { password } = await createAdministrator(p, {
        username,
        displayName: values.name!,
        email: values.email,
        agencyCode: values.agency,
      });
      console.log(
        `Đã tạo quản trị viên / Administrator created: ${username}\n` +
          `Mật khẩu ban đầu (chỉ hiện lần này) / Initial password (shown only now): ${password}\n` +
          'Lần đăng nhập đầu sẽ yêu cầu thiết lập xác thực hai bước. / The first sign-in asks for a second factor.',
      );
      return 0;
    }
    if (sub === 'unlock') {
      await recoverAccount(p, username, values['reset-mfa'] === true);
      console.log(
        values['reset-mfa']
          ? `Đã mở khoá và xoá yếu tố xác thực của ${username}. / ${username} unlocked; second factors cleared.`
          : `Đã mở khoá ${username}. / ${username} unlocked.`,
      );
      return 0;
    }
    console.error(ADMIN_HELP);
    return 2;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const spec = errorSpec(e.code)!;
    console.error(`${spec.vi}\n${spec.en} (${e.code}${e.details ? ` ${JSON.stringify(e.details)}` : ''})`);
    return 1;
  }
}
