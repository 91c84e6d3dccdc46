import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoMailboxPage, renderMailboxPage } from './mailbox-page.ts';

const mail = (subject: string, at: string) => ({
  to: 'clerk@school.demo.otklik.localhost',
  subject,
  text: 'Код: 123456\n<script>alert(1)</script>',
  at: new Date(at),
});

describe('the demo mailbox page', () => {
  const messages = [mail('Первое', '2026-12-06T09:00:00Z'), mail('<b>Второе</b>', '2026-12-06T10:30:00Z')];

  it('lists the newest first, every received text escaped, dates in the page’s language', () => {
    const html = renderMailboxPage(messages, 'ru', 'UTC');
    expect(html.indexOf('&lt;b&gt;Второе&lt;/b&gt;')).toBeLessThan(html.indexOf('Первое'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Кому: clerk@school.demo.otklik.localhost');
    expect(html).toMatch(/<time datetime="2026-12-06T10:30:00.000Z">6 декабря 2026[^<]*10:30:00<\/time>/);
    expect(html).toContain('всего: 2');
    expect(renderMailboxPage(messages, 'en', 'UTC')).toMatch(/>December 6, 2026[^<]*10:30:00[^<]*<\/time>/);
  });

  it('says when there is no mail yet, in each language', () => {
    expect(renderMailboxPage([], 'ru')).toContain('<p>Писем пока нет.</p>');
    expect(renderMailboxPage([], 'be')).toContain('<p>Лістоў пакуль няма.</p>');
    expect(renderMailboxPage([], 'en')).toContain('<p>No mail yet.</p>');
  });

  it('allows its one style element by the hash its CSP names, and reads the messages when asked', () => {
    const received = [...messages];
    const page = demoMailboxPage({ messages: received });
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.render('ru'))?.[1] ?? '';
    expect(page.csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    received.push(mail('Третье', '2026-12-06T11:00:00Z'));
    expect(page.render('ru')).toContain('Третье');
  });
});
