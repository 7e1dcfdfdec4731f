#!/usr/bin/env python3
"""Side by side: the same raw requests sent to mpmd and to Apache httpd 2.4 (Debian's
apache2), both with the prefork MPM and the same limits, on loopback. Prints, per request,
the status and the persistence headers each server answered, and whether they agree; writes
the table to bench/CONFORMANCE.md. Run by `make conformance`. Every server started here is
stopped at the end; every read is bounded."""
import hashlib, os, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MPMD = os.environ.get("MPMD", os.path.join(ROOT, ".build/release/mpmd"))
LIMITS = "LimitRequestLine 200\nLimitRequestFieldSize 200\nLimitRequestFields 5\nLimitRequestBody 10\nMaxKeepAliveRequests 3\nKeepAliveTimeout 5\nTimeout 2\n"

CASES = [
    ("GET / HTTP/1.1", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("HTTP/1.0, no keep-alive token", "GET / HTTP/1.0\r\n\r\n"),
    ("HTTP/1.0 with Connection: keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
    ("HTTP/1.1 with Connection: keep-alive", "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"),
    ("Connection: close", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("HEAD /", "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("missing file", "GET /nope.html HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("directory without slash", "GET /docs HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("bare LF", "GET / HTTP/1.1\nHost: x\n\n"),
    ("lowercase method", "get / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n"),
    ("version HTTP/1.11", "GET / HTTP/1.11\r\nHost: x\r\n\r\n"),
    ("version HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n"),
    ("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
    ("header without colon", "GET / HTTP/1.1\r\nHost: x\r\nBroken\r\n\r\n"),
    ("request line over LimitRequestLine", "GET /" + "a" * 300 + " HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("field over LimitRequestFieldSize", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b" * 300 + "\r\n\r\n"),
    ("too many fields", "GET / HTTP/1.1\r\nHost: x\r\n" + "".join(f"X-{i}: y\r\n" for i in range(6)) + "\r\n"),
    ("Content-Length 12abc", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n"),
    ("Content-Length -1", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
    ("body over LimitRequestBody", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"),
    ("Transfer-Encoding: gzip", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"),
    ("TE and CL together", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    ("Expect: tea", "GET / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n"),
    ("/../ climb", "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("encoded climb %2e%2e", "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("encoded slash %2F", "GET /a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("NUL %00", "GET /index.html%00.txt HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("Range bytes=0-4", "GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=0-4\r\n\r\n"),
    ("Range past the end", "GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=9999-\r\n\r\n"),
    ("POST to a static file", "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
    ("10 blank lines first", "\r\n" * 10 + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
]

# HttpProtocolOptions Strict (Apache's default): the host of the Host field and of an
# absolute-form target, as vhost.c's fix_hostname and strict_hostname_check judge it.
HOSTS = [
    ("127.0.0.1", "dotted-quad decimal"), ("127.1", "shortened IPv4"), ("0x7f.0.0.1", "hex IPv4"),
    ("0177.0.0.1", "octal IPv4"), ("127.0.0.01", "leading zero in IPv4"), ("2130706433", "IPv4 as one integer"),
    ("1.2.3.4.5", "five numeric labels"), ("1.2.3.4.", "dotted quad with a trailing dot"),
    ("%65xample.org", "percent-encoded host"), ("example.org:8080", "name and port"),
    ("example.org:80:80", "port twice"), ("example.org:8x", "port with a letter"), ("example.org:", "empty port"),
    ("example.org:0", "port 0"), ("example.org:65536", "port 65536"), ("example.org:+80", "port with a sign"),
    ("[::1]", "IPv6 literal"), ("[::1]:8080", "IPv6 literal and port"), ("[::FFFF:127.0.0.1]", "IPv4-mapped IPv6"),
    ("[::1", "IPv6 without its bracket"), ("[:::1]", "IPv6 with three colons"), ("[1::2::3]", "IPv6 with two ::"),
    ("[::1]x", "text after the IPv6 literal"), ("[::1%eth0]", "IPv6 with a zone"), ("[127.0.0.1]", "IPv4 in brackets"),
    ("[fe80::g]", "IPv6 with a non-hex digit"), ("::1", "unbracketed IPv6"),
    ("under_score.org", "underscore"), ("example.123", "numeric top-level label"), ("Example.ORG.", "upper case, trailing dot"),
    ("a..b", "empty label"), ("exa/mple", "slash"), ("-a-.b-", "hyphens"), ("caf\xc3\xa9.fr", "UTF-8 bytes"),
    ("a._b", "last label starting with _"), (".example.org", "leading dot"), (".", "a lone dot"),
    ("a.b1", "last label ending in a digit"), ("example.org:99999999999999999999", "port past 64 bits"),
    ("[1:2:3:4:5:6:7:8:9]", "nine IPv6 groups"), ("[12345::]", "IPv6 group over 16 bits"),
    ("[1::2:]", "IPv6 ending in one colon"), ("[]", "empty brackets"), ("[::1]:0", "IPv6 literal, port 0"),
]
HOST_CASES = [(f"Host: {h} ({why})", f"GET / HTTP/1.1\r\nHost: {h}\r\n\r\n") for h, why in HOSTS] + [
    ("Host: a b (a space)", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
    ("empty Host on HTTP/1.1", "GET / HTTP/1.1\r\nHost:\r\n\r\n"),
    ("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    ("Host on HTTP/1.0 with a bad name", "GET / HTTP/1.0\r\nHost: 127.1\r\n\r\n"),
] + [(f"GET http://{h}/ ({why})", f"GET http://{h}/ HTTP/1.1\r\nHost: x\r\n\r\n") for h, why in HOSTS if "/" not in h] + [
    ("absolute URI names the host, Host field malformed", "GET http://example.org/ HTTP/1.1\r\nHost: a b\r\n\r\n"),
    ("absolute URI without Host field", "GET http://example.org/ HTTP/1.1\r\n\r\n"),
    ("absolute URI, empty host", "GET http:/// HTTP/1.1\r\nHost: x\r\n\r\n"),
]

# HTTP/0.9 (Apache's default Allow0.9): a request line without a version.
HTTP09_CASES = [
    ("HTTP/0.9 GET /", "GET /\r\n"),
    ("HTTP/0.9 GET of a missing file", "GET /nope.html\r\n"),
    ("HTTP/0.9 HEAD", "HEAD /\r\n"),
    ("HTTP/0.9 POST", "POST /\r\n"),
    ("HTTP/0.9 with headers after it", "GET /\r\nHost: x\r\n\r\n"),
    ("HTTP/0.9 with a trailing space", "GET / \r\n"),
    ("HTTP/0.9 lowercase method", "get /\r\n"),
    ("HTTP/0.9 directory without slash", "GET /docs\r\n"),
    ("HTTP/0.9 method alone", "GET\r\n"),
]

# LimitRequestBody inside <Location>: /small allows 5 bytes, /big 0 (no limit), elsewhere 10.
BODY_CASES = [
    ("8-byte body under <Location /small> (limit 5)", "POST /small/index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n12345678"),
    ("5-byte body under <Location /small>", "POST /small/index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n12345"),
    ("chunked 8 bytes under <Location /small>", "POST /small/index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n"),
    ("20-byte body under <Location /big> (no limit)", "POST /big/index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n" + "x" * 20),
    ("8-byte body elsewhere (server limit 10)", "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n12345678"),
]

# Ranges over /digits.txt (36 bytes): several ranges are answered with multipart/byteranges.
RANGES = ["0-1,3-4", "0-1, 3-4", "0-0,-1", "3-4,0-1", "0-5,3-9", "0-1,2-3", "0-1,100-200", "100-200,300-400",
          "0-,3-4", "-0", "-0,0-1", "5-3,0-1", "0-1 ,3-4", "0-1,,3-4", "a-b,0-1", "0-1,3-4,6-7,9-10",
          "0-35,0-35", "0-1", "-5,0-1", "-100,0-1", "1-,0-0", "35-40,0-1", "0-20,25-35,0-20", "0-1,3-",
          ",0-1", "0-1,3-4,", "+0-1,3-4", "00-1,3-04", "99999999999999999999-", "9999-",
          ",".join(f"{i}-{i}" for i in range(0, 36, 2)), ",".join("0-1" for _ in range(22))]
RANGE_CASES = [(f"Range: bytes={r}", f"GET /digits.txt HTTP/1.1\r\nHost: x\r\nRange: bytes={r}\r\n\r\n") for r in RANGES] + [
    ("one range on HEAD", "HEAD /digits.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\n\r\n"),
    ("two ranges on POST", "POST /digits.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nRange: bytes=0-1,3-4\r\n\r\n"),
    ("If-Range that does not match", "GET /digits.txt HTTP/1.1\r\nHost: x\r\nIf-Range: \"x\"\r\nRange: bytes=0-1,3-4\r\n\r\n"),
    ("two Range fields", "GET /digits.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=0-0\r\nRange: bytes=2-2\r\n\r\n"),
    ("Range on HEAD", "HEAD /digits.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,3-4\r\n\r\n"),
    ("RANGE: BYTES=0-1,3-4", "GET /digits.txt HTTP/1.1\r\nHost: x\r\nRANGE: BYTES=0-1,3-4\r\n\r\n"),
]


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def wait_port(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); return True
        except OSError:
            time.sleep(0.1)
    return False


def receive(port, raw):
    """Sends raw bytes, reads one response: its head, then Content-Length bytes of body, or
    everything until the server closes when there is no head (HTTP/0.9) or no length."""
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    s.sendall(raw.encode("latin-1"))
    data = b""
    try:
        while True:
            if data.startswith(b"HTTP/") and b"\r\n\r\n" in data:
                head, body = data.split(b"\r\n\r\n", 1)
                length = [l.split(b":", 1)[1].strip() for l in head.split(b"\r\n")[1:]
                          if l.lower().startswith(b"content-length:")]
                if length and len(body) >= int(length[0]):
                    break
                if raw.startswith("HEAD ") or b" 304 " in head.split(b"\r\n")[0]:
                    break
            b = s.recv(65536)
            if not b:
                break
            data += b
    except socket.timeout:
        pass
    s.close()
    return data


def describe(data, detail=False):
    """The status and persistence headers; with detail, also the framing and a digest of the
    body in which a multipart boundary is replaced by BOUNDARY (each server draws its own)."""
    if not data:
        return "(no answer)"
    if not data.startswith(b"HTTP/"):
        # HTTP/0.9: the body alone. An error page is named, not measured: the wording of
        # error pages is not what this table compares.
        if data.lstrip().upper().startswith(b"<!DOCTYPE"):
            title = data.split(b"<title>")[1].split(b"</title>")[0].decode("latin-1") if b"<title>" in data else "?"
            return f"(HTTP/0.9, no head) error page '{title}'"
        return f"(HTTP/0.9, no head) body {len(data)} bytes {hashlib.sha1(data).hexdigest()[:8]}"
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else lines[0]
    fields = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    extra = []
    if "connection" in fields:
        extra.append("Connection: " + fields["connection"])
    if "keep-alive" in fields:
        extra.append("Keep-Alive: " + fields["keep-alive"])
    if detail:
        ctype = fields.get("content-type", "")
        boundary = ctype.split("boundary=", 1)[1] if "boundary=" in ctype else None
        if boundary:
            ctype = ctype.replace(boundary, "BOUNDARY")
            body = body.replace(boundary.encode(), b"BOUNDARY")
        if status in ("206", "416") or boundary:
            extra.append("Content-Type: " + ctype)
        if "content-range" in fields:
            extra.append("Content-Range: " + fields["content-range"])
        if status in ("200", "206"):
            extra.append(f"body {len(body)} bytes {hashlib.sha1(body).hexdigest()[:8]}")
    return " ".join([status] + extra)


SECTIONS = [
    ("Framing, limits, persistence, paths", CASES, False),
    ("Hosts under HttpProtocolOptions Strict", HOST_CASES, False),
    ("HTTP/0.9 requests (Allow0.9)", HTTP09_CASES, False),
    ("LimitRequestBody inside <Location>", BODY_CASES, False),
    ("Several byte ranges (multipart/byteranges)", RANGE_CASES, True),
]

LOCATIONS = """<Location /small>
    LimitRequestBody 5
</Location>
<Location /big>
    LimitRequestBody 0
</Location>
"""


def main():
    work = tempfile.mkdtemp(prefix="mpmd-conformance-")
    docs = os.path.join(work, "htdocs")
    for sub in ("docs", "small", "big"):
        os.makedirs(os.path.join(docs, sub))
        open(os.path.join(docs, sub, "index.html"), "w").write(f"<p>{sub}</p>\n")
    open(os.path.join(docs, "index.html"), "w").write("<p>It works.</p>\n")
    open(os.path.join(docs, "digits.txt"), "w").write("0123456789abcdefghijklmnopqrstuvwxyz")
    procs = []
    try:
        mport, aport = free_port(), free_port()
        os.makedirs(os.path.join(work, "conf")); os.makedirs(os.path.join(work, "logs"))
        open(os.path.join(work, "conf", "mpmd.conf"), "w").write(
            f"LoadModule mpm_prefork_module\nListen 127.0.0.1:{mport}\nServerName conformance\nDocumentRoot htdocs\n"
            f"TypesConfig /etc/mime.types\nStartServers 2\n{LIMITS}{LOCATIONS}")
        procs.append(subprocess.Popen([MPMD, "-f", os.path.join(work, "conf", "mpmd.conf")],
                                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "logs", "mpmd.log"), "w")))
        mods = "/usr/lib/apache2/modules"
        open(os.path.join(work, "httpd.conf"), "w").write(f"""ServerRoot "{work}"
LoadModule mpm_prefork_module {mods}/mod_mpm_prefork.so
LoadModule authz_core_module {mods}/mod_authz_core.so
LoadModule mime_module {mods}/mod_mime.so
LoadModule dir_module {mods}/mod_dir.so
Listen 127.0.0.1:{aport}
ServerName conformance
PidFile {work}/logs/httpd.pid
ErrorLog {work}/logs/apache.log
TypesConfig /etc/mime.types
DocumentRoot "{docs}"
<Directory "{docs}">
    Require all granted
</Directory>
StartServers 2
{LIMITS}{LOCATIONS}""")
        procs.append(subprocess.Popen(["/usr/sbin/apache2", "-f", os.path.join(work, "httpd.conf"), "-DFOREGROUND"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        if not (wait_port(mport) and wait_port(aport)):
            sys.exit("a server did not start")
        version = subprocess.run(["/usr/sbin/apache2", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
        out, same, total = [], 0, 0
        only = sys.argv[1:]
        for title, cases, detail in SECTIONS:
            rows = []
            for name, raw in cases:
                if only and not any(word.lower() in (title + " " + name).lower() for word in only):
                    continue
                a, m = describe(receive(aport, raw), detail), describe(receive(mport, raw), detail)
                same += a == m
                total += 1
                rows.append(f"| {name.replace('|', '&#124;')} | {a} | {m} | {'same' if a == m else 'DIFFERENT'} |")
            if rows:
                out += [f"## {title}", "", "| request | Apache | mpmd | |", "|---|---|---|---|"] + rows + [""]
        print("\n".join(out))
        print(f"{same}/{total} answers identical")
        if only:
            return
        with open(os.path.join(ROOT, "bench", "CONFORMANCE.md"), "w") as f:
            f.write("# mpmd and Apache, side by side\n\n")
            f.write(f"Recorded by `make conformance` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} against {version.strip()}, "
                    "both with the prefork MPM and these limits: " + ", ".join(LIMITS.strip().split("\n")) + "; "
                    "`<Location /small>` sets LimitRequestBody 5 and `<Location /big>` sets it to 0 (no limit). "
                    "Each request is sent on a new connection; the columns show the status and the persistence headers answered "
                    "(for ranges also the content type, with the multipart boundary replaced by BOUNDARY, the Content-Range, "
                    "and the body's length and SHA-1 prefix after the same replacement).\n\n")
            f.write("\n".join(out) + f"\n{same}/{total} answers identical.\n")
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM) if p.args[0].endswith("apache2") else p.terminate()
            except OSError:
                pass
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
