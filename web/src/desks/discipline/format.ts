const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people in Shanghai read it: 2026/06/30 12:00. */
export const when = (iso: string | null | undefined) => (iso ? TIME.format(new Date(iso)) : '—');
