#!/usr/bin/env python3
"""mksheet.py N OUT [--start K] [--building B] — a residents sheet of N new tenants with
checksum-valid fictitious ID numbers and 170 phone numbers (UTF-8), for the issue 9 tests."""
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


def idnum(k):
    """A distinct number for every k below 13,440,000, in a district (310115) the demo
    community never uses, so no sheet collides with the demo's people or with itself."""
    seq, k = k % 1000, k // 1000
    day, k = k % 28, k // 28
    month, k = k % 12, k // 12
    body = "310115" + "19%02d%02d%02d" % (60 + k % 40, 1 + month, 1 + day) + "%03d" % seq
    return body + CHECK[sum(int(c) * w for c, w in zip(body, W)) % 11]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    args = sys.argv[3:]
    start = int(args[args.index("--start") + 1]) if "--start" in args else 0
    building = args[args.index("--building") + 1] if "--building" in args else None
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        f.write("姓名,身份证号,手机号,楼栋,房间,身份,入住日期\n")
        k = start
        rows = 0
        while rows < n:
            k += 1
            i = idnum(k)
            if i in seen:
                continue
            seen.add(i)
            name = SURNAMES[k % 20] + GIVEN[(k // 20) % 20] + GIVEN[(k // 400) % 20]
            b = building or str(1 + k % 300)
            f.write("%s,%s,171%08d,%s,%d,租客,2026-01-%02d\n" % (name, i, k, b, 101 + k % 2, 1 + k % 28))
            rows += 1


main()
