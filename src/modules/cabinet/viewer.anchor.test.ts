import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorQuote, normaliseText, selectorAt } from './viewer.anchor.js';

const at = (exact: string, prefix = '', suffix = '', page = 1) => ({ exact, prefix, suffix, page });

describe('anchoring a quote in page texts', () => {
  it('finds the words on the page they moved to', () => {
    const v1 = ['Điều 1. Phạm vi điều chỉnh. Nghị định này quy định về chính phủ số.', 'Điều 2. Đối tượng.'];
    const sel = selectorAt(v1, 1, v1[0]!.indexOf('chính phủ số'), v1[0]!.indexOf('chính phủ số') + 12);
    const v2 = [
      'Lời nói đầu mới, dài hơn.',
      'Điều 1. Phạm vi điều chỉnh. Nghị định này quy định về chính phủ số.',
    ];
    expect(anchorQuote(sel, v2)).toMatchObject({ page: 2, match: 'quote' });
  });

  it('tells two occurrences apart by their context, whatever the page hint says', () => {
    const pages = [
      'Khoản 1: thời hạn 5 ngày làm việc.',
      'Khoản 2: thời hạn 5 ngày làm việc kể từ ngày nhận.',
    ];
    const found = anchorQuote(at('5 ngày làm việc', 'Khoản 2: thời hạn ', ' kể từ', 1), pages);
    expect(found).toMatchObject({ page: 2, start: 18, match: 'quote' });
  });

  it('falls back to the words alone when their context changed, preferring the page it was made on', () => {
    const pages = ['ngân sách nhà nước', 'xyz ngân sách nhà nước abc'];
    expect(anchorQuote(at('ngân sách nhà nước', 'hoàn toàn khác ', ' cũng khác', 2), pages)).toMatchObject({
      page: 2,
      match: 'exact',
    });
  });

  it('is orphaned (null) when the words are gone', () => {
    expect(anchorQuote(at('đã bị xoá'), ['Một trang', 'Trang khác'])).toBeNull();
    expect(anchorQuote(at('   '), ['   '])).toBeNull();
  });

  it('ignores line breaks and composed or decomposed Vietnamese letters', () => {
    const decomposed = 'Thủ tướng Chính phủ'.normalize('NFD');
    expect(anchorQuote(at(decomposed), ['Ý kiến của Thủ\ntướng   Chính phủ'])).toMatchObject({
      page: 1,
      start: 11,
    });
  });

  it('always points at the quoted words (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 60 }), { minLength: 1, maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.nat(),
        (pages, quote, where) => {
          const i = where % pages.length;
          const withQuote = pages.map((p, j) => (j === i ? `${p} ${quote} ${p}` : p));
          const found = anchorQuote(at(quote, '', '', i + 1), withQuote);
          const wanted = normaliseText(quote).trim();
          if (!wanted) return found === null;
          return (
            found !== null &&
            normaliseText(withQuote[found.page - 1]!).slice(found.start, found.end) === wanted
          );
        },
      ),
    );
  });

  it('re-finds a selection made on one version in a version with text added before it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zđăâêôơư ]{0,40}$/), { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^[A-Z]{6,12}$/),
        fc.stringMatching(/^[a-z ]{0,50}$/),
        (pages, unique, inserted) => {
          const target = pages.length - 1;
          const v1 = pages.map((p, j) => (j === target ? `${p} ${unique} ${p}` : p));
          const text = normaliseText(v1[target]!);
          const start = text.indexOf(unique);
          const sel = selectorAt(v1, target + 1, start, start + unique.length);
          const v2 = [inserted, ...v1];
          const found = anchorQuote(sel, v2);
          return (
            found !== null &&
            found.page === target + 2 &&
            normaliseText(v2[found.page - 1]!).slice(found.start, found.end) === unique
          );
        },
      ),
    );
  });
});
