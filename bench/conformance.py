#!/usr/bin/env python3
"""Side by side: the same raw requests sent to mpmd and to Apache httpd 2.4 (Debian's
apache2), both with the prefork MPM and the same limits, on loopback. Prints, per request,
the status and the persistence headers each server answered, and whether they agree; writes
the table to bench/CONFORMANCE.md. Run by `make conformance`. Every server started here is
stopped at the end; every read is bounded."""
import os, signal, socket, subprocess, sys, tempfile, time

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


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def wait_port(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); return True
        except OSError:
            time.sleep(0.1)
    return False


def ask(port, raw):
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    s.sendall(raw.encode())
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            b = s.recv(65536)
            if not b:
                break
            data += b
    except socket.timeout:
        pass
    s.close()
    if not data:
        return "(no answer)"
    head = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    status = head[0].split(" ")[1] if len(head[0].split(" ")) > 1 else head[0]
    fields = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in head[1:] if ":" in l}
    extra = []
    if "connection" in fields:
        extra.append("Connection: " + fields["connection"])
    if "keep-alive" in fields:
        extra.append("Keep-Alive: " + fields["keep-alive"])
    return " ".join([status] + extra)


def main():
    work = tempfile.mkdtemp(prefix="mpmd-conformance-")
    docs = os.path.join(work, "htdocs")
    os.makedirs(os.path.join(docs, "docs"))
    open(os.path.join(docs, "index.html"), "w").write("<p>It works.</p>\n")
    open(os.path.join(docs, "docs", "index.html"), "w").write("<p>docs</p>\n")
    procs = []
    try:
        mport, aport = free_port(), free_port()
        os.makedirs(os.path.join(work, "conf")); os.makedirs(os.path.join(work, "logs"))
        open(os.path.join(work, "conf", "mpmd.conf"), "w").write(
            f"LoadModule mpm_prefork_module\nListen 127.0.0.1:{mport}\nServerName conformance\nDocumentRoot htdocs\nStartServers 2\n{LIMITS}")
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
{LIMITS}""")
        procs.append(subprocess.Popen(["/usr/sbin/apache2", "-f", os.path.join(work, "httpd.conf"), "-DFOREGROUND"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        if not (wait_port(mport) and wait_port(aport)):
            sys.exit("a server did not start")
        version = subprocess.run(["/usr/sbin/apache2", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
        rows, same = [], 0
        for name, raw in CASES:
            a, m = ask(aport, raw), ask(mport, raw)
            same += a == m
            rows.append(f"| {name} | {a} | {m} | {'same' if a == m else 'DIFFERENT'} |")
        table = ["| request | Apache | mpmd | |", "|---|---|---|---|"] + rows
        print("\n".join(table))
        print(f"\n{same}/{len(CASES)} answers identical")
        with open(os.path.join(ROOT, "bench", "CONFORMANCE.md"), "w") as f:
            f.write("# mpmd and Apache, side by side\n\n")
            f.write(f"Recorded by `make conformance` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} against {version.strip()}, "
                    "both with the prefork MPM and these limits: " + ", ".join(LIMITS.strip().split("\n")) + ". "
                    "Each request is sent on a new connection; the columns show the status and the persistence headers answered.\n\n")
            f.write("\n".join(table) + f"\n\n{same}/{len(CASES)} answers identical.\n")
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
