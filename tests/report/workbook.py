#!/usr/bin/env python3
"""workbook.py XIANGLI — the street office's workbook read back by a real reader (openpyxl):
sheet names, header rows, frozen header, column widths, cell types (numbers, dates,
percentages), the chart on 汇总, masked numbers, the summary equal to `stats --json` for the
same day, the 考核 sheet once a lane is scored, --month, and the CSV variant.
Prints "ok ..." / "FAIL ..." per check; exits 1 on any failure."""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

XL = sys.argv[1]
W = tempfile.mkdtemp(prefix='xiangli-workbook.')
DB = os.path.join(W, 'x.db')
ENV = dict(os.environ, HOME=W, XIANGLI_TODAY='2026-11-25', LANG='C.UTF-8', TZ='Asia/Shanghai')
SIX = ['汇总', '楼栋登记', '入住搬离', '四张清单', '小圆桌', '第一责任人']
failed = 0


def check(name, cond, detail=''):
    global failed
    if cond:
        print('ok', name)
    else:
        failed += 1
        print('FAIL', name, detail)


def xl(*args):
    return subprocess.run([XL, '--db', DB, *args], env=ENV, check=True, capture_output=True,
                          text=True).stdout


def header(ws):
    return [c.value for c in ws[1] if c.value is not None]


def column(ws, name):
    heads = [c.value for c in ws[1]]
    i = heads.index(name)
    return [row[i] for row in ws.iter_rows(min_row=2, values_only=True)]


def summary_checks(wb, stats):
    ws = wb['汇总']
    keyed = {r[2]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[2]}
    scalar = {k: v for k, v in stats.items() if not isinstance(v, list)}
    check('summary has every figure of stats --json', set(keyed) == set(scalar),
          f'{sorted(keyed)} vs {sorted(scalar)}')
    check('summary == stats --json', all(keyed.get(k) == v for k, v in scalar.items()),
          str({k: (keyed.get(k), v) for k, v in scalar.items() if keyed.get(k) != v}))
    rate_cell = [r for r in ws.iter_rows(min_row=2) if r[2].value == 'registration_rate'][0][1]
    check('rate is a percentage number', isinstance(rate_cell.value, float)
          and '%' in rate_cell.number_format, rate_cell.number_format)
    months = [v for v in column(ws, '月份') if v]
    check('12 months on the summary', len(months) == 12 and months[-1] == '2026-11', str(months))
    moved_in = [v for v in column(ws, '入住') if v is not None]
    check('monthly moves are numbers', len(moved_in) == 12 and all(isinstance(v, int) for v in moved_in))
    day = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == '统计日期'][0]
    check('the day is a date', isinstance(day, datetime.datetime) and day.date() == datetime.date(2026, 11, 25))


def sheet_checks(wb, path):
    for name in SIX:
        ws = wb[name]
        check(f'{name}: header frozen', ws.freeze_panes == 'A2', str(ws.freeze_panes))
        check(f'{name}: column widths', ws.column_dimensions['A'].width > 5)
    b = wb['楼栋登记']
    check('楼栋登记 header', header(b)[:3] == ['楼号', '弄', '先锋楼组'], str(header(b)))
    nums = column(b, '楼号')
    check('building numbers are numbers', len(nums) == 326 and all(isinstance(v, int) for v in nums))
    rates = column(b, '登记采集率')
    check('worst building first', rates == sorted(rates), str(rates[:5]))
    check('rates formatted as percentages', '%' in b['J2'].number_format, b['J2'].number_format)
    phones = [p for p in column(b, '联系电话') if p]
    check('phones masked', phones and all('****' in p for p in phones), str(phones[:3]))
    m = wb['入住搬离']
    check('入住搬离 header', header(m)[:3] == ['日期', '变动', '楼号'], str(header(m)))
    dates = column(m, '日期')
    check('move dates are dates', dates and all(isinstance(d, datetime.datetime) for d in dates))
    ids = [i for i in column(m, '身份证号') if i]
    check('ID numbers masked', ids and all('*' in i and len(i) == 18 for i in ids), str(ids[:2]))
    check('四张清单 header', header(wb['四张清单'])[:4] == ['编号', '清单', '标题', '类别'])
    check('小圆桌 header', header(wb['小圆桌'])[:4] == ['编号', '会议类型', '标题', '日期'])
    check('第一责任人 header', header(wb['第一责任人'])[:3] == ['第一责任人', '身份', '联系电话'])
    with zipfile.ZipFile(path) as z:
        check('a chart of the monthly moves', any(n.startswith('xl/charts/chart') for n in z.namelist()))
    check('file is private (0600)', os.stat(path).st_mode & 0o777 == 0o600, oct(os.stat(path).st_mode))


def main():
    xl('init', '--demo', '--seed', '1')
    stats = json.loads(xl('stats', '--json'))
    path = os.path.join(W, 'report.xlsx')
    xl('report', '-o', path)
    wb = openpyxl.load_workbook(path)
    check('six sheets, in order', wb.sheetnames == SIX, str(wb.sheetnames))
    summary_checks(wb, stats)
    sheet_checks(wb, path)
    # a scored lane adds the 考核 sheet
    xl('assess', 'score', '1', 'cleanliness=90:干净', 'fire_safety=70', '--quarter', '2026-Q4')
    xl('report', '--month', '2026-06', '-o', path)
    wb = openpyxl.load_workbook(path)
    check('考核 sheet once a lane is scored', wb.sheetnames == SIX + ['考核'], str(wb.sheetnames))
    a = wb['考核']
    check('考核 header', header(a)[:4] == ['季度', '弄', '总分', '排名'], str(header(a)))
    first = next(a.iter_rows(min_row=2, values_only=True))
    check('考核 total is a number', first[2] is not None and abs(first[2] - (90 * 20 + 70 * 25) / 45) < 0.01, str(first))
    months = [v for v in column(wb['汇总'], '月份') if v]
    check('--month ends the 12 months', months[-1] == '2026-06', str(months))
    # CSV for offices without Excel
    d = os.path.join(W, 'csv')
    xl('report', '--format', 'csv', '-o', d)
    names = sorted(os.listdir(d))
    check('one CSV per sheet', names == sorted(['summary.csv', 'buildings.csv', 'moves.csv', 'lists.csv',
                                                 'roundtables.csv', 'responsible.csv', 'assessment.csv']), str(names))
    with open(os.path.join(d, 'buildings.csv'), encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    check('CSV header and rows', rows[0][:2] == ['楼号', '弄'] and len(rows) == 327, str(rows[0]))
    with open(os.path.join(d, 'summary.csv'), encoding='utf-8-sig', newline='') as f:
        keyed = {r[2]: r[1] for r in csv.reader(f) if r[2]}
    check('CSV summary == stats --json', all(float(keyed[k]) == float(v) for k, v in stats.items()
                                             if not isinstance(v, list)), str(keyed))
    # the workbook goes to the street office: Chinese whatever the UI language (issue 15),
    # values included (roles, list kinds, statuses, categories, meeting kinds)
    d_en = os.path.join(W, 'csv-en')
    xl('--lang', 'en', 'report', '--format', 'csv', '-o', d_en)
    differ = [n for n in names if open(os.path.join(d, n), 'rb').read() != open(os.path.join(d_en, n), 'rb').read()]
    check('CSV under --lang en is the Chinese one', not differ, str(differ))
    r = subprocess.run([XL, '--db', DB, 'report', '--month', '2026-13', '-o', path], env=ENV,
                       capture_output=True, text=True)
    check('a bad month is refused', r.returncode == 2 and '2026-11' in r.stderr, r.stderr)
    print(f'{failed} failed')
    sys.exit(1 if failed else 0)


main()
