import { describe, expect, it } from 'vitest';
import { formatSql } from './format-sql';

describe('formatSql', () => {
  it('puts clauses on their own lines with upper-case keywords and one select item per line', () => {
    expect(
      formatSql(
        "select event_type, count(*) as n from fact_events where device = 'mobile' and is_late group by 1 order by n desc limit 5",
      ),
    ).toBe(
      [
        'SELECT event_type,',
        '  count(*) AS n',
        'FROM fact_events',
        "WHERE device = 'mobile'",
        '  AND is_late',
        'GROUP BY 1',
        'ORDER BY n DESC',
        'LIMIT 5',
        '',
      ].join('\n'),
    );
  });

  it('leaves strings, quoted identifiers and comments alone', () => {
    const formatted = formatSql(`select 'from where' as "select", x -- keep from here\nfrom t`);
    expect(formatted).toContain('\'from where\' AS "select"');
    expect(formatted).toContain('-- keep from here');
    expect(formatted).toMatch(/\nFROM t\n$/);
  });

  it('breaks joins and keeps the qualifier with JOIN', () => {
    const formatted = formatSql('select * from fact_orders o left join dim_user u on u.user_sk = o.user_sk');
    expect(formatted.split('\n')).toContain('LEFT JOIN dim_user u ON u.user_sk = o.user_sk');
  });

  it('keeps BETWEEN x AND y on one line', () => {
    expect(formatSql('select * from t where d between 1 and 2 and x')).toContain(
      'WHERE d BETWEEN 1 AND 2\n  AND x',
    );
  });

  it('is idempotent', () => {
    const once = formatSql('select a, b from t where x = 1 or y = 2 group by a, b');
    expect(formatSql(once)).toBe(once);
  });
});
