import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { getTemplate, registerTemplate, renderTemplate, textToHtml } from './templates.js';

describe('notification templates', () => {
  const invite = registerTemplate({
    key: 'test.invite',
    params: z.object({ title: z.string(), at: z.string() }),
    render: ({ title, at }) => ({
      vi: { subject: `Giấy mời: ${title}`, text: `Kính mời dự ${title} lúc ${at}.`, sms: `Moi hop ${at}` },
      en: { subject: `Invitation: ${title}`, text: `You are invited to ${title} at ${at}.` },
    }),
  });

  it('renders in the reader’s language', () => {
    expect(renderTemplate(invite, { title: 'Họp giao ban', at: '8:30' }, 'vi')).toEqual({
      subject: 'Giấy mời: Họp giao ban',
      text: 'Kính mời dự Họp giao ban lúc 8:30.',
      sms: 'Moi hop 8:30',
    });
    expect(renderTemplate('test.invite', { title: 'Briefing', at: '8:30' }, 'en').subject).toBe(
      'Invitation: Briefing',
    );
  });

  it('refuses a second template under the same key, and bad parameters with a code', () => {
    expect(registerTemplate(invite)).toBe(invite); // the same one again is harmless (re-imports)
    expect(() => registerTemplate({ ...invite })).toThrow(/registered twice/);
    expect(getTemplate('test.invite')).toBe(invite);
    expect(() => renderTemplate('test.invite', { title: 1 }, 'vi')).toThrow(
      expect.objectContaining({ code: 'NOTIFY_TEMPLATE_PARAMS_INVALID' }),
    );
    expect(() => renderTemplate('nope', {}, 'vi')).toThrow(
      expect.objectContaining({ code: 'NOTIFY_UNKNOWN_TEMPLATE' }),
    );
  });

  it('escapes text turned into HTML', () => {
    expect(textToHtml('<b>Chú ý</b> & "lưu ý"\ndòng 2\n\nđoạn 2')).toBe(
      '<p>&lt;b&gt;Chú ý&lt;/b&gt; &amp; &quot;lưu ý&quot;<br>dòng 2</p>\n<p>đoạn 2</p>',
    );
  });
});
