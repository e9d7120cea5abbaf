import type { SimulatedCitizen } from './citizens.js';

/** HTML-escapes text and attribute values (every dynamic value on the page goes through it). */
export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const STYLE = `
  *{box-sizing:border-box} body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  background:#f4f5f7;color:#1d2129} main{max-width:34rem;margin:0 auto;padding:1rem}
  .banner{background:#fff3cd;border:1px solid #e0b400;border-radius:8px;padding:.5rem .75rem;font-size:.9rem}
  .card{background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002;padding:1.25rem;margin-top:1rem}
  h1{font-size:1.35rem;margin:.25rem 0;color:#b3141b} h2{font-size:1.05rem;margin:0 0 .5rem}
  .en{color:#5c6370;font-size:.88em} ul{padding-left:1.2rem;margin:.25rem 0}
  .citizens{display:grid;gap:.5rem} button{font:inherit;cursor:pointer;border-radius:8px;min-height:44px}
  .pick{width:100%;text-align:left;background:#fff;border:1px solid #c9ced6;padding:.5rem .75rem}
  .pick:hover,.pick:focus-visible{border-color:#b3141b;outline:2px solid #b3141b33}
  .pick small{display:block;color:#5c6370} label{display:block;font-weight:600;margin-top:.75rem}
  input{font:inherit;width:100%;padding:.6rem;border:1px solid #c9ced6;border-radius:8px;min-height:44px}
  .primary{background:#b3141b;color:#fff;border:0;padding:.6rem 1rem;margin-top:1rem;width:100%}
  .primary .en{color:#fde8e8}
  .refuse{background:#fff;color:#1d2129;border:1px solid #c9ced6;padding:.6rem 1rem;width:100%}
  .error{background:#fde8e8;border:1px solid #b3141b;border-radius:8px;padding:.5rem .75rem;margin-top:.75rem}
`;

export interface PageInput {
  uid: string;
  clientName: string;
  scopes: string[];
  citizens: readonly SimulatedCitizen[];
  /** Already signed in at the provider: only consent is asked. */
  signedInAs?: SimulatedCitizen | undefined;
  error?: string | undefined;
  /** What was typed, shown again after a wrong password. */
  typedPersonalId?: string | undefined;
}

const SCOPE_TEXT: Record<string, string> = {
  profile:
    'Họ tên, ngày sinh, giới tính, số định danh cá nhân <span class="en">/ name, birth date, sex, personal ID</span>',
  email: 'Thư điện tử <span class="en">/ e-mail</span>',
  phone: 'Số điện thoại <span class="en">/ phone number</span>',
  address: 'Địa chỉ nơi cư trú <span class="en">/ address</span>',
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** Vietnamese first, English second: the provider's sign-in and consent page for one interaction. */
export function loginPage(input: PageInput): string {
  const base = `/interaction/${encodeURIComponent(input.uid)}`;
  const shared = input.scopes
    .map((s) => SCOPE_TEXT[s])
    .filter(Boolean)
    .map((t) => `<li>${t}</li>`)
    .join('');
  const consent = `<p><strong>${esc(input.clientName)}</strong> đề nghị được nhận thông tin sau của bạn
    <span class="en">/ asks for the following information about you</span>:</p><ul>${shared}</ul>`;
  const error = input.error ? `<p class="error" role="alert">${input.error}</p>` : '';
  const refuse = `<form method="post" action="${base}/abort" class="card">
    <button class="refuse" type="submit">Từ chối, không chia sẻ thông tin <span class="en">/ Refuse, share nothing</span></button></form>`;
  if (input.signedInAs)
    return page(
      'VNeID (mô phỏng) — Xác nhận',
      `<p class="banner" role="note">MÔ PHỎNG — không phải VNeID thật <span class="en">/ SIMULATOR — not the real VNeID</span></p>
      <div class="card"><h1>Xác nhận chia sẻ thông tin <span class="en">/ Confirm sharing</span></h1>
      <p>Bạn đang đăng nhập là <strong>${esc(input.signedInAs.name)}</strong>
      <span class="en">/ You are signed in as</span></p>${consent}
      <form method="post" action="${base}/confirm"><button class="primary" type="submit">Đồng ý <span class="en">/ Agree</span></button></form></div>
      ${refuse}`,
    );
  const picks = input.citizens
    .map(
      (c) => `<button class="pick" type="submit" name="pick" value="${esc(c.personalId)}">
      <strong>${esc(c.name)}</strong><small>Số định danh ${esc(c.personalId)} · sinh ngày ${esc(c.birthdate)}</small></button>`,
    )
    .join('');
  return page(
    'VNeID (mô phỏng) — Đăng nhập',
    `<p class="banner" role="note">MÔ PHỎNG — không phải VNeID thật; chỉ dùng để thử nghiệm
    <span class="en">/ SIMULATOR — not the real VNeID; for testing only</span></p>
    <div class="card"><h1>Đăng nhập tài khoản định danh điện tử</h1>
    <p class="en">Sign in with your electronic identification account</p>${consent}${error}</div>
    <form method="post" action="${base}/login" class="card">
      <h2>Chọn công dân mẫu <span class="en">/ Pick a demo citizen</span></h2>
      <div class="citizens">${picks}</div>
    </form>
    <form method="post" action="${base}/login" class="card">
      <h2>Hoặc nhập số định danh <span class="en">/ Or enter a personal ID</span></h2>
      <label for="personalId">Số định danh cá nhân <span class="en">/ Personal ID</span></label>
      <input id="personalId" name="personalId" inputmode="numeric" autocomplete="username" required maxlength="20" value="${esc(input.typedPersonalId ?? '')}">
      <label for="password">Mật khẩu <span class="en">/ Password</span></label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p class="en">Mật khẩu mẫu / demo password: Demo@2026</p>
      <button class="primary" type="submit">Đăng nhập và đồng ý chia sẻ <span class="en">/ Sign in and agree</span></button>
    </form>
    ${refuse}`,
  );
}
