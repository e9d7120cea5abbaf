/**
 * The few pages the OpenID provider itself shows (errors, the sign-out question, "you have signed out"):
 * plain HTML, Vietnamese first then English, readable on a phone, no script. Everything interpolated is
 * escaped.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1.5rem;
background:#f6f7f9;color:#1a1b1e;line-height:1.5}main{max-width:32rem;margin:2rem auto;background:#fff;
border:1px solid #dee2e6;border-radius:8px;padding:1.5rem}h1{font-size:1.35rem;margin:0 0 .75rem}
p{margin:.5rem 0}.en{color:#5c5f66}code{overflow-wrap:anywhere}.actions{display:flex;flex-wrap:wrap;
gap:.75rem;margin-top:1.25rem}button,a.button{font:inherit;padding:.6rem 1.1rem;border-radius:6px;
border:1px solid #b02a2a;cursor:pointer;text-decoration:none}button.primary{background:#b02a2a;color:#fff}
button.secondary,a.button{background:#fff;color:#b02a2a}button:focus-visible,a:focus-visible{outline:3px solid
#1c7ed6;outline-offset:2px}`;

export interface PageText {
  vi: string;
  en: string;
}

/** A whole page: the heading and paragraphs in both languages, then any extra (escaped by the caller). */
export function page(title: PageText, paragraphs: PageText[], extra = ''): string {
  const body = paragraphs
    .map((p) => `<p>${escapeHtml(p.vi)}</p><p class="en" lang="en">${escapeHtml(p.en)}</p>`)
    .join('');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport"
content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(
    `${title.vi} · CPĐT`,
  )}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title.vi)}
<span class="en" lang="en"> / ${escapeHtml(title.en)}</span></h1>${body}${extra}</main></body></html>`;
}

export const homeLink = `<div class="actions"><a class="button" href="/">Về trang chủ CPĐT / CPĐT home</a></div>`;

/** An error the provider reports to the person (bad request from a system, expired sign-in, …). */
export function errorPage(out: { error?: unknown; error_description?: unknown }): string {
  const code = typeof out.error === 'string' ? out.error : 'server_error';
  const description = typeof out.error_description === 'string' ? out.error_description : '';
  return page(
    { vi: 'Không thể đăng nhập vào hệ thống liên kết', en: 'Cannot sign in to the connected system' },
    [
      {
        vi: 'Yêu cầu đăng nhập từ hệ thống liên kết không hợp lệ hoặc đã hết hạn. Hãy quay lại hệ thống đó và thử lại.',
        en: 'The sign-in request from the connected system is invalid or has expired. Go back to that system and try again.',
      },
    ],
    `<p><code>${escapeHtml(code)}</code>${description ? ` — ${escapeHtml(description)}` : ''}</p>${homeLink}`,
  );
}

/** The question a system's "sign out" leads to; `form` is the provider's hidden form (with its xsrf token). */
export function logoutPage(form: string, clientName: string | undefined): string {
  const from = clientName ? ` (${clientName})` : '';
  return page(
    { vi: 'Đăng xuất', en: 'Sign out' },
    [
      {
        vi: `Hệ thống liên kết${from} yêu cầu đăng xuất. Bạn có muốn đăng xuất khỏi CPĐT và mọi hệ thống đang dùng tài khoản này không?`,
        en: `The connected system${from} asks to sign you out. Do you want to sign out of CPĐT and every system using this account?`,
      },
    ],
    `${form}<div class="actions"><button class="primary" type="submit" form="op.logoutForm" name="logout"
value="yes" autofocus>Đăng xuất khỏi CPĐT / Sign out of CPĐT</button><button class="secondary" type="submit"
form="op.logoutForm">Chỉ đăng xuất khỏi hệ thống này / Only this system</button></div>`,
  );
}

export function loggedOutPage(): string {
  return page(
    { vi: 'Đã đăng xuất', en: 'Signed out' },
    [{ vi: 'Bạn đã đăng xuất thành công.', en: 'You have signed out.' }],
    homeLink,
  );
}
