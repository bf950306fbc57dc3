#!/usr/bin/env python3
"""malformed.py HOST PORT COUNT — sends COUNT malformed HTTP requests (truncated, binary,
huge headers, bad lengths, slow halves) to the phone server, each on its own connection,
and prints how many the server answered or closed. Never waits longer than 2 s on one."""
import random
import socket
import sys


def variants(path):
    rnd = random.Random(11)
    yield b"GET"
    yield b"GET /s/127"
    yield b"GET /s/127 HTTP/1.1\r\n"
    yield b"GET /s/127 HTTP/1.1\r\nHost: x\r\n"          # no blank line
    yield b"\x00\x01\x02\xff\xfe" * 50
    yield b"POST /s/127 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort"
    yield b"POST /s/127 HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
    yield b"POST /s/127 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"
    yield b"POST /s/127 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    yield b"GET /s/127 HTTP/1.1\r\nHost: x\r\nX-Big: " + b"A" * 100000 + b"\r\n\r\n"
    yield b"GET /" + b"s" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    yield b"GET /s/127 HTTP/9.9\r\nHost: x\r\n\r\n"
    yield b"BREW /s/127 HTTP/1.1\r\nHost: x\r\n\r\n"
    yield b"GET /s/%ff%00%zz?t=%00 HTTP/1.1\r\nHost: x\r\n\r\n"
    yield b"GET " + path + b" HTTP/1.1\r\n" + b"H: v\r\n" * 5000 + b"\r\n"
    yield b"POST /s/127 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" \
          b"Content-Length: 40\r\n\r\nt=%%%%&&&===&name=%e4%b8&consent&\xff\xfe\x00"
    while True:
        n = rnd.randint(1, 3000)
        kind = rnd.randint(0, 3)
        if kind == 0:
            yield bytes(rnd.getrandbits(8) for _ in range(n))
        elif kind == 1:
            req = b"POST /s/127 HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % n
            yield req + bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, n)))
        elif kind == 2:
            full = b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n"
            yield full[: rnd.randint(1, len(full) - 1)]
        else:
            yield b"GET /s/127?" + bytes(rnd.choice(b"t=&%+\x00\xff") for _ in range(n)) + b" HTTP/1.1\r\n\r\n"


def send(host, port, data):
    s = socket.create_connection((host, port), timeout=2)
    try:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            return True  # refused mid-way: the server closed on us, which is an answer
        try:
            while s.recv(65536):
                pass
        except socket.timeout:
            pass  # an incomplete request is left waiting: the server's own timeout ends it
        except OSError:
            pass
        return True
    finally:
        s.close()


def main():
    host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    path = sys.argv[4].encode() if len(sys.argv) > 4 else b"/s/127"
    done = 0
    gen = variants(path)
    for _ in range(count):
        if send(host, port, next(gen)):
            done += 1
    print(done)


main()
