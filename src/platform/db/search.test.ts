import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/db.js';
import { rows } from './database.js';
import { containsText, matchesText, searchVector } from './search.js';

describe('Vietnamese accent-insensitive search', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await testDatabase();
    await d.db.execute(sql`create table search_probe (id int primary key, title text, body text)`);
    await d.db.execute(sql`insert into search_probe values
      (1, 'Phiên họp Chính phủ thường kỳ tháng 11', 'Thảo luận dự thảo Nghị định về Chính phủ điện tử'),
      (2, 'Ủy ban nhân dân tỉnh Nghệ An', 'Báo cáo tình hình kinh tế - xã hội'),
      (3, 'Bộ Tài chính', 'Đề án chuyển đổi số ngành thuế, Đà Nẵng')`);
  });
  afterAll(() => d.close());

  const find = async (where: SQL) =>
    (await rows<{ id: number }>(d.db, sql`select id from search_probe where ${where} order by id`)).map(
      (r) => r.id,
    );
  const vector = searchVector(sql`title`, sql`body`);

  it('finds words typed without diacritics', async () => {
    expect(await find(matchesText(vector, 'chinh phu'))).toEqual([1]);
    expect(await find(matchesText(vector, 'nghe an'))).toEqual([2]);
    expect(await find(matchesText(vector, 'da nang'))).toEqual([3]);
  });

  it('matches with diacritics too, in any case, and the last word as a prefix', async () => {
    expect(await find(matchesText(vector, 'CHÍNH PHỦ'))).toEqual([1]);
    expect(await find(matchesText(vector, 'chuyen doi s'))).toEqual([3]);
  });

  it('requires every word', async () => {
    expect(await find(matchesText(vector, 'chinh phu nghe an'))).toEqual([]);
  });

  it('ignores punctuation and quotes instead of failing', async () => {
    expect(await find(matchesText(vector, "') & ! :* chinh"))).toEqual([1, 3]); // "chinh" as a prefix: Chính phủ, Tài chính;
    expect(await find(matchesText(vector, '   '))).toEqual([]);
  });

  it('substring match on short fields, escaping LIKE wildcards', async () => {
    expect(await find(containsText(sql`title`, 'uy ban'))).toEqual([2]);
    expect(await find(containsText(sql`title`, 'tai chinh'))).toEqual([3]);
    expect(await find(containsText(sql`title`, '%'))).toEqual([]);
  });
});
