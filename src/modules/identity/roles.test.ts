import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedIn } from '../../../test/support/http.js';
import { Permissions } from './policy.js';
import type { PermissionInfo, RoleView } from './roles.model.js';
import { errorOf, makePerson, peopleSuite, registerState, signedInAt } from './people.test-helpers.js';
import { roles } from './schema.js';

describe('roles and permissions', () => {
  const { w, get, send } = peopleSuite();
  const list = async (cookie = w.admin) =>
    (await get('/api/admin/roles', cookie)).json<{ items: RoleView[] }>().items;

  it('lists the built-in roles first with their permissions, MFA demand and holder counts', async () => {
    await makePerson(w.p, { username: 'mot.can.bo', posts: [{ agencyId: w.agencyA }] });
    const items = await list();
    expect(items.slice(0, 9).map((r) => r.code)).toEqual([
      'admin',
      'agency_admin',
      'official',
      'meeting_office',
      'documents_clerk',
      'member',
      'secretary',
      'citizen',
      'business',
    ]);
    expect(items.find((r) => r.code === 'admin')).toMatchObject({
      builtin: true,
      requiresMfa: true,
      holders: 1,
      permissions: [...Object.values(Permissions)].sort(),
    });
    expect(items.find((r) => r.code === 'official')).toMatchObject({ holders: 1, requiresMfa: false });
  });

  it('lists every known permission with Vietnamese and English descriptions', async () => {
    const perms = (await get('/api/admin/permissions')).json<{ items: PermissionInfo[] }>().items;
    expect(perms.map((p) => p.name).sort()).toEqual([...Object.values(Permissions)].sort());
    for (const p of perms) {
      expect(p.vi.length).toBeGreaterThan(5);
      expect(p.en.length).toBeGreaterThan(5);
      expect(p.name.startsWith(`${p.area}.`)).toBe(true);
    }
  });

  it('creates, edits and deletes a role, refusing unknown permissions and duplicates', async () => {
    const res = await send('POST', '/api/admin/roles', {
      code: 'van_thu',
      nameVi: 'Văn thư',
      nameEn: 'Records clerk',
      permissions: [Permissions.adminOutbox],
      requiresMfa: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<RoleView>()).toMatchObject({
      code: 'van_thu',
      builtin: false,
      holders: 0,
      requiresMfa: true,
    });

    const before = await registerState(w);
    const cases: [string, 'POST' | 'PATCH', object, string, number][] = [
      [
        '/api/admin/roles',
        'POST',
        { code: 'van_thu', nameVi: 'A', nameEn: 'A' },
        'IDENTITY_ROLE_DUPLICATE',
        409,
      ],
      [
        '/api/admin/roles',
        'POST',
        { code: 'Có Dấu', nameVi: 'A', nameEn: 'A' },
        'IDENTITY_ROLE_INVALID',
        400,
      ],
      [
        '/api/admin/roles',
        'POST',
        { code: 'khong_ten', nameVi: ' ', nameEn: 'A' },
        'IDENTITY_ROLE_INVALID',
        400,
      ],
      [
        '/api/admin/roles',
        'POST',
        { code: 'la', nameVi: 'Lạ', nameEn: 'Odd', permissions: ['identity.everything'] },
        'IDENTITY_ROLE_PERMISSION_UNKNOWN',
        400,
      ],
      [
        '/api/admin/roles/van_thu',
        'PATCH',
        { permissions: ['khong.co'] },
        'IDENTITY_ROLE_PERMISSION_UNKNOWN',
        400,
      ],
      ['/api/admin/roles/khong_co', 'PATCH', { nameVi: 'X' }, 'IDENTITY_ROLE_NOT_FOUND', 404],
    ];
    for (const [url, method, body, code, status] of cases) {
      const r = await send(method, url, body);
      expect([r.statusCode, errorOf(r).code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await registerState(w)).toEqual(before);

    const edited = await send('PATCH', '/api/admin/roles/van_thu', {
      nameVi: 'Văn thư cơ quan',
      permissions: [Permissions.adminOutbox, Permissions.adminJobs],
      requiresMfa: false,
    });
    expect(edited.json<RoleView>()).toMatchObject({
      nameVi: 'Văn thư cơ quan',
      nameEn: 'Records clerk',
      permissions: [Permissions.adminJobs, Permissions.adminOutbox].sort(),
      requiresMfa: false,
    });
    expect((await send('DELETE', '/api/admin/roles/van_thu')).statusCode).toBe(204);
    expect(await w.p.db.select().from(roles).where(eq(roles.code, 'van_thu'))).toEqual([]);
  });

  it('keeps built-in roles and roles still held', async () => {
    const before = await registerState(w);
    const builtin = await send('DELETE', '/api/admin/roles/official');
    expect([builtin.statusCode, errorOf(builtin).code]).toEqual([409, 'IDENTITY_ROLE_BUILTIN']);
    const strip = await send('PATCH', '/api/admin/roles/agency_admin', {
      permissions: [Permissions.managePeople],
    });
    expect([strip.statusCode, errorOf(strip).code]).toEqual([409, 'IDENTITY_ROLE_BUILTIN']);
    const noMfa = await send('PATCH', '/api/admin/roles/admin', { requiresMfa: false });
    expect([noMfa.statusCode, errorOf(noMfa).code]).toEqual([409, 'IDENTITY_ROLE_BUILTIN']);
    expect(await registerState(w)).toEqual(before);

    await send('POST', '/api/admin/roles', { code: 'dang_dung', nameVi: 'Đang dùng', nameEn: 'In use' });
    await makePerson(w.p, {
      username: 'giu.vai.tro',
      roles: ['dang_dung'],
      posts: [{ agencyId: w.agencyA }],
    });
    const held = await send('DELETE', '/api/admin/roles/dang_dung');
    expect([held.statusCode, errorOf(held).code]).toEqual([409, 'IDENTITY_ROLE_IN_USE']);
    expect(errorOf(held).details).toMatchObject({ holders: 1 });

    // a built-in role may be renamed, given more permissions, and its MFA demand changed
    const more = await send('PATCH', '/api/admin/roles/secretary', {
      nameVi: 'Thư ký, trợ lý',
      permissions: [Permissions.adminOutbox],
    });
    expect(more.json<RoleView>()).toMatchObject({
      nameVi: 'Thư ký, trợ lý',
      permissions: [Permissions.adminOutbox],
    });
  });

  it('lets a role manager put into roles only permissions they hold', async () => {
    await send('POST', '/api/admin/roles', {
      code: 'quan_ly_vai_tro',
      nameVi: 'Quản lý vai trò',
      nameEn: 'Role manager',
      permissions: [Permissions.manageRoles, Permissions.adminOutbox],
    });
    const manager = await signedIn(w.app, w.p, 'ql.vaitro', ['quan_ly_vai_tro']);
    const before = await registerState(w);
    const up = await send(
      'POST',
      '/api/admin/roles',
      {
        code: 'leo_thang',
        nameVi: 'Leo thang',
        nameEn: 'Escalation',
        permissions: [Permissions.managePeople],
      },
      manager,
    );
    expect([up.statusCode, errorOf(up).code]).toEqual([403, 'IDENTITY_ROLE_ESCALATION']);
    expect(errorOf(up).details).toEqual({ missing: [Permissions.managePeople] });
    const add = await send(
      'PATCH',
      '/api/admin/roles/official',
      { permissions: [Permissions.allAgencies] },
      manager,
    );
    expect(errorOf(add).code).toBe('IDENTITY_ROLE_ESCALATION');
    expect(await registerState(w)).toEqual(before);
    const ok = await send(
      'POST',
      '/api/admin/roles',
      {
        code: 'doc_hop_thu',
        nameVi: 'Đọc hộp thư',
        nameEn: 'Outbox reader',
        permissions: [Permissions.adminOutbox],
      },
      manager,
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('lets people managers read roles to assign them, but not define them', async () => {
    const { cookie } = await signedInAt(w, 'qt.coquan', w.agencyA, ['agency_admin']);
    expect((await list(cookie)).length).toBeGreaterThan(6);
    expect((await get('/api/admin/permissions', cookie)).statusCode).toBe(200);
    const res = await send('POST', '/api/admin/roles', { code: 'x_y', nameVi: 'X', nameEn: 'Y' }, cookie);
    expect([res.statusCode, errorOf(res).code]).toEqual([403, 'FORBIDDEN']);
    const official = await signedIn(w.app, w.p, 'chi.can.bo', ['official']);
    expect((await get('/api/admin/roles', official)).statusCode).toBe(403);
  });
});
