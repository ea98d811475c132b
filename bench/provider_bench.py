#!/usr/bin/env python3
"""bench/provider_bench.py - the fips140 OpenSSL provider (fips140.so) against OpenSSL's default provider and
against the fips140 module called directly, side by side in one run (issue 7 item 6).

For each measurement three figures are taken, alternating, --repeat times (best kept):
  fips140   `openssl speed -provider fips140 ...` under an openssl.cnf that activates only fips140 and base with
            default_properties = fips=yes (as tests/e2e/lib.sh writes it): nothing but fips140 can serve a fetch;
  default   the same `openssl speed` command with `-provider default` under an empty config (OPENSSL_CONF=/dev/null);
  module    `fips140 speed --json --cpu-time ALG`, the module's own benchmark, no OpenSSL involved.

Throughput (MB/s, MB = 10^6 bytes): AES-128-GCM and AES-256-GCM (`-evp aes-N-gcm -aead`: per record OpenSSL 3.0.22
sets the IV length, re-initialises the context with key and a 12-byte IV, gives 13 bytes of AAD, the payload and
final; `fips140 speed` seals one record per buffer with a 12-byte IV and 13 bytes of AAD, keyed once), SHA2-256
(`-evp sha256`: EVP_Digest per buffer, i.e. a new context each time) and HMAC-SHA2-256 (`-hmac sha256`: EVP_MAC
keyed once, then init/update/final per buffer). Public-key (operations/s): `openssl speed ecdsap256 ecdsap384
rsa2048` (sign and verify), and RSA-2048 once more through EVP_PKEY_sign / EVP_PKEY_verify with SHA2-256
set (libcrypto through ctypes, rsa_worker), since `openssl speed rsa2048` signs without a digest, which the
fips140 provider refuses. `openssl speed` counts CPU user time (no -elapsed), `fips140 speed --cpu-time` process
CPU time, so other load on the machine matters less (it still shares caches and, on SMT siblings, the core).

TLS handshakes: an `openssl s_server` (TLS 1.3, an ECDSA P-256 certificate, Groups = P-256 through the config's
ssl_conf section, so that both sides offer and use a P-256 key share and no HelloRetryRequest happens) and
`openssl s_time -new -time T` against it, both under the same provider config. s_time counts the full handshakes
it completes in T seconds; client and server run on the same machine and compete for its CPUs, so the wall-clock
rate measures the pair. The server's CPU time per handshake (/proc/PID/stat) is reported too. Optionally TLS 1.2
ECDHE-RSA-AES128-GCM-SHA256 with an RSA-2048 certificate.

Guard: before measuring, the symmetric and public-key commands are run once under a config whose fips140 section
is broken (wrong module-mac): each must fail to produce a result, which shows that the fips140 figures cannot come
from another provider.

Usage: provider_bench.py --build BUILD_DIR [--quick] [--update bench/RESULTS.md]
--update replaces (or appends) the section between <!-- provider_bench.py --> and <!-- /provider_bench.py -->.
"""
import argparse
import hashlib
import hmac
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402  (machine_facts, run: same conventions as bench/compare.py)

# fipsinstall's fixed HMAC-SHA2-256 key for module-mac (docs/PROVIDER.md)
FIPSINSTALL_KEY = bytes.fromhex("f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813")

# (fips140 speed name, openssl speed arguments)
SYMMETRIC = [
    ("AES-128-GCM", ["-evp", "aes-128-gcm", "-aead"]),
    ("AES-256-GCM", ["-evp", "aes-256-gcm", "-aead"]),
    ("SHA2-256", ["-evp", "sha256"]),
    ("HMAC-SHA2-256", ["-hmac", "sha256"]),
]

# (openssl speed name, -mr line tag, [(fips140 speed name, field index in the -mr line)])
# -mr lines (OpenSSL 3.0): +F2:i:bits:sign/s:verify/s (RSA), +F4:i:bits:sign/s:verify/s (ECDSA)
PUBLIC_KEY = [
    ("ecdsap256", "+F4", [("ECDSA-P256-sign", 3), ("ECDSA-P256-verify", 4)]),
    ("ecdsap384", "+F4", [("ECDSA-P384-sign", 3), ("ECDSA-P384-verify", 4)]),
    ("rsa2048", "+F2", [("RSA-2048-sign", 3), ("RSA-2048-verify", 4)]),
]

# s_server and s_time: no default CA file / directory / store. Otherwise OpenSSL 3.0 reads the system certificate
# directory on every handshake (building the server's chain), which costs more CPU than the handshake's crypto.
NO_CA = ["-no-CAfile", "-no-CApath", "-no-CAstore"]

MARK_BEGIN, MARK_END = "<!-- provider_bench.py -->", "<!-- /provider_bench.py -->"


def log(msg):
    print(f"provider_bench.py: {msg}", file=sys.stderr, flush=True)


def module_mac(path):
    """module_mac - the module-mac of the provider file, as `openssl fipsinstall` writes it."""
    with open(path, "rb") as f:
        mac = hmac.new(FIPSINSTALL_KEY, f.read(), hashlib.sha256).hexdigest()
    return ":".join(mac[i:i + 2] for i in range(0, len(mac), 2))


def write_fips_conf(path, mac, groups=None):
    """write_fips_conf - fips140 + base only, default_properties = fips=yes (tests/e2e/lib.sh e2e_write_conf);
    with groups, also an ssl_conf section setting the TLS groups of every SSL_CTX."""
    text = ("config_diagnostics = 1\nopenssl_conf = openssl_init\n\n[openssl_init]\nproviders = provider_sect\n"
            "alg_section = algorithm_sect\n" + ("ssl_conf = ssl_sect\n" if groups else "") +
            "\n[provider_sect]\nfips140 = fips140_sect\nbase = base_sect\n\n"
            f"[fips140_sect]\nactivate = 1\nmodule-mac = {mac}\n\n[base_sect]\nactivate = 1\n\n"
            "[algorithm_sect]\ndefault_properties = fips=yes\n")
    if groups:
        text += f"\n[ssl_sect]\nsystem_default = tls_sect\n\n[tls_sect]\nGroups = {groups}\n"
    with open(path, "w") as f:
        f.write(text)


def write_default_conf(path, groups):
    """write_default_conf - the default provider (OpenSSL's implicit one), with the TLS groups set."""
    with open(path, "w") as f:
        f.write("openssl_conf = openssl_init\n\n[openssl_init]\nssl_conf = ssl_sect\n\n[ssl_sect]\n"
                f"system_default = tls_sect\n\n[tls_sect]\nGroups = {groups}\n")


class Setup:
    """The environments of the two providers and the module binary."""

    def __init__(self, build, openssl, work):
        self.build = os.path.abspath(build)
        self.openssl = openssl
        self.work = work
        self.modules = os.path.join(self.build, "lib", "ossl-modules")
        self.so = os.path.join(self.modules, "fips140.so")
        self.cli = os.path.join(self.build, "bin", "fips140")
        for f in (self.so, self.cli):
            if not os.path.exists(f):
                raise SystemExit(f"provider_bench.py: missing {f} (build the project and fips140_provider first)")
        mac = module_mac(self.so)
        self.fips_conf = os.path.join(work, "fips140.cnf")
        self.broken_conf = os.path.join(work, "broken.cnf")
        write_fips_conf(self.fips_conf, mac)
        # the same config with one bit of module-mac changed: fips140 must refuse to load
        bad = ("0" if mac[0] != "0" else "1") + mac[1:]
        write_fips_conf(self.broken_conf, bad)

    def env(self, conf):
        e = dict(os.environ)
        for k in ("OPENSSL_CONF_INCLUDE", "FIPS140"):
            e.pop(k, None)
        e["OPENSSL_CONF"] = conf
        e["OPENSSL_MODULES"] = self.modules
        return e

    def side(self, which):
        """side - (environment, extra openssl arguments) of "fips140", "default" or "broken"."""
        if which == "default":
            return self.env(os.devnull), ["-provider", "default"]
        return self.env(self.fips_conf if which == "fips140" else self.broken_conf), ["-provider", "fips140"]


def run(cmd, env, timeout=600):
    """run - (returncode, stdout, stderr); returncode None when the command could not run."""
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", str(e)
    return p.returncode, p.stdout, p.stderr


def speed_mr(setup, which, args, seconds, with_provider=True):
    """speed_mr - the -mr result lines of one `openssl speed` run (CPU user time), and its stderr."""
    env, prov = setup.side(which)
    cmd = [setup.openssl, "speed", "-mr", "-seconds", str(seconds)] + (prov if with_provider else []) + args
    _, out, err = run(cmd, env)
    return [ln for ln in out.splitlines() if ln.startswith("+F")], err


def speed_bytes(setup, which, args, size, seconds):
    lines, err = speed_mr(setup, which, args + ["-bytes", str(size)], seconds)
    for ln in lines:
        f = ln.split(":")
        if f[0] == "+F" and len(f) > 3:  # +F:<index>:<name>:<bytes per second>
            return float(f[3]), ""
    return None, err.strip().splitlines()[-1] if err.strip() else "no result"


def speed_pk(setup, which, name, tag, seconds):
    """speed_pk - {field index: ops/s} of one `openssl speed NAME` run; figures of 0 (a failed half) are None."""
    lines, err = speed_mr(setup, which, [name], seconds)
    for ln in lines:
        f = ln.split(":")
        if f[0] == tag:
            try:
                return {i: (float(f[i]) or None) for i in range(3, len(f))}, err
            except ValueError:
                break
    return {}, err


def module_figure(setup, alg, seconds, size=None):
    """module_figure - bytes/s (size given) or ops/s from `fips140 speed --json --cpu-time`."""
    cmd = [setup.cli, "speed", "--json", "--cpu-time", "--seconds", str(seconds)]
    cmd += (["--sizes", str(size)] if size else []) + [alg]
    _, out, _ = run(cmd, setup.env(os.devnull))
    for ln in out.splitlines():
        try:
            obj = json.loads(ln)
        except ValueError:
            continue
        if obj.get("algorithm", "").lower() != alg.lower():
            continue
        if size is not None and int(obj.get("size", -1)) == size:
            return float(obj["bytes_per_second"])
        if size is None and "ops_per_second" in obj:
            return float(obj["ops_per_second"])
    return None


def best(values):
    vals = [v for v in values if v]
    return max(vals) if vals else None


def spread(values):
    """spread - (max - min) / max of the repeats, in percent: the noise of a cell."""
    vals = [v for v in values if v]
    return 100.0 * (max(vals) - min(vals)) / max(vals) if len(vals) > 1 else None


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"


def fmt(v, scale=1.0, digits=1):
    return f"{v / scale:,.{digits}f}" if v else "n/a"


def guard(setup):
    """guard - every kind of measured command must fail under the broken fips140 config (no fallback)."""
    problems = []
    probes = [["-evp", "aes-128-gcm", "-aead", "-bytes", "16"], ["-evp", "sha256", "-bytes", "16"],
              ["-hmac", "sha256", "-bytes", "16"], ["ecdsap256"], ["rsa2048"]]
    if "error" not in evp_rsa(setup, "broken", 1):
        problems.append("RSA-2048 through EVP_PKEY_sign (rsa_worker) worked with fips140 refused")
    for args in probes:
        for with_provider in (True, False):  # with -provider fips140, and relying on the config alone
            lines, _ = speed_mr(setup, "broken", args, 1, with_provider)
            if lines:
                problems.append(f"`openssl speed {' '.join(args)}` measured something with fips140 refused "
                                f"({'with' if with_provider else 'without'} -provider fips140): {lines[0]}")
    return problems


def bench_symmetric(setup, sizes, seconds, repeat):
    rows = []
    for name, args in SYMMETRIC:
        for size in sizes:
            log(f"{name} {size} bytes")
            f, d, m, notes = [], [], [], set()
            for _ in range(repeat):
                v, e = speed_bytes(setup, "fips140", args, size, seconds)
                f.append(v)
                if v is None:
                    notes.add(f"fips140: {e}")
                v, e = speed_bytes(setup, "default", args, size, seconds)
                d.append(v)
                if v is None:
                    notes.add(f"default: {e}")
                m.append(module_figure(setup, name, seconds, size))
            rows.append(dict(name=name, size=size, fips=best(f), default=best(d), module=best(m),
                             noise=max(filter(None, [spread(f), spread(d), spread(m)]), default=None),
                             args=" ".join(args), notes=sorted(notes)))
    return rows


def bench_public_key(setup, seconds, repeat):
    rows = []
    for name, tag, figures in PUBLIC_KEY:
        log(name)
        per = {alg: ([], [], []) for alg, _ in figures}
        notes = set()
        for _ in range(repeat):
            for k, which in enumerate(("fips140", "default")):
                res, err = speed_pk(setup, which, name, tag, seconds)
                for alg, idx in figures:
                    per[alg][k].append(res.get(idx))
                    if res.get(idx) is None:
                        why = [clean_error(ln) for ln in err.splitlines() if "failure" in ln or "error" in ln]
                        notes.add(f"{which}: {' / '.join(why[:2]) if why else 'no result'}")
            for alg, _ in figures:
                per[alg][2].append(module_figure(setup, alg, seconds))
        for alg, _ in figures:
            f, d, m = per[alg]
            rows.append(dict(name=alg, speed=name, fips=best(f), default=best(d), module=best(m),
                             noise=max(filter(None, [spread(f), spread(d), spread(m)]), default=None),
                             notes=sorted(notes)))
    return rows


def rsa_worker(seconds):
    """rsa_worker - RSA-2048 sign and verify through EVP_PKEY_sign / EVP_PKEY_verify of libcrypto (ctypes), under
    whatever OPENSSL_CONF the process got: RSASSA-PKCS1-v1_5 over a SHA2-256 digest (the digest set on the context,
    as `fips140 speed RSA-2048-sign` does), e = 65537, one context reused for every call. Prints one JSON line
    {"sign": ops/s, "verify": ops/s} counting process CPU time, or {"error": text}."""
    import ctypes
    import ctypes.util
    lib = ctypes.CDLL(ctypes.util.find_library("crypto") or "libcrypto.so.3")
    vp, sz = ctypes.c_void_p, ctypes.c_size_t
    for name, res, argt in (("EVP_PKEY_CTX_new_from_name", vp, [vp, ctypes.c_char_p, ctypes.c_char_p]),
                            ("EVP_PKEY_CTX_new_from_pkey", vp, [vp, vp, ctypes.c_char_p]),
                            ("EVP_PKEY_keygen_init", ctypes.c_int, [vp]),
                            ("EVP_PKEY_CTX_set_rsa_keygen_bits", ctypes.c_int, [vp, ctypes.c_int]),
                            ("EVP_PKEY_generate", ctypes.c_int, [vp, ctypes.POINTER(vp)]),
                            ("EVP_PKEY_sign_init", ctypes.c_int, [vp]),
                            ("EVP_PKEY_verify_init", ctypes.c_int, [vp]),
                            ("EVP_PKEY_CTX_set_rsa_padding", ctypes.c_int, [vp, ctypes.c_int]),
                            ("EVP_MD_fetch", vp, [vp, ctypes.c_char_p, ctypes.c_char_p]),
                            ("EVP_PKEY_CTX_set_signature_md", ctypes.c_int, [vp, vp]),
                            ("EVP_PKEY_sign", ctypes.c_int, [vp, ctypes.c_char_p, ctypes.POINTER(sz), ctypes.c_char_p,
                                                             sz]),
                            ("EVP_PKEY_verify", ctypes.c_int, [vp, ctypes.c_char_p, sz, ctypes.c_char_p, sz]),
                            ("ERR_get_error", ctypes.c_ulong, []),
                            ("ERR_error_string_n", None, [ctypes.c_ulong, ctypes.c_char_p, sz])):
        getattr(lib, name).restype = res
        getattr(lib, name).argtypes = argt

    def fail(what):
        buf = ctypes.create_string_buffer(256)
        lib.ERR_error_string_n(lib.ERR_get_error(), buf, 256)
        print(json.dumps({"error": f"{what}: {buf.value.decode(errors='replace')}"}))
        return 1

    kctx = lib.EVP_PKEY_CTX_new_from_name(None, b"RSA", None)
    pkey = vp()
    if not kctx or lib.EVP_PKEY_keygen_init(kctx) <= 0 or lib.EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, 2048) <= 0 \
            or lib.EVP_PKEY_generate(kctx, ctypes.byref(pkey)) <= 0:
        return fail("RSA-2048 key generation")
    md = lib.EVP_MD_fetch(None, b"SHA2-256", None)
    sctx = lib.EVP_PKEY_CTX_new_from_pkey(None, pkey, None)
    vctx = lib.EVP_PKEY_CTX_new_from_pkey(None, pkey, None)
    if not md or not sctx or not vctx or lib.EVP_PKEY_sign_init(sctx) <= 0 or lib.EVP_PKEY_verify_init(vctx) <= 0:
        return fail("sign/verify set-up")
    for c in (sctx, vctx):
        if lib.EVP_PKEY_CTX_set_rsa_padding(c, 1) <= 0 or lib.EVP_PKEY_CTX_set_signature_md(c, md) <= 0:
            return fail("PKCS#1 v1.5 with SHA2-256")
    dgst = hashlib.sha256(b"provider_bench").digest()
    sig = ctypes.create_string_buffer(256)
    siglen = sz(256)
    result = {}
    for op in ("sign", "verify"):
        n, t0 = 0, time.process_time()
        while True:
            if op == "sign":
                siglen.value = 256
                ok = lib.EVP_PKEY_sign(sctx, sig, ctypes.byref(siglen), dgst, len(dgst)) > 0
            else:
                ok = lib.EVP_PKEY_verify(vctx, sig, siglen.value, dgst, len(dgst)) == 1
            if not ok:
                return fail(f"EVP_PKEY_{op}")
            n += 1
            if n % 16 == 0 and time.process_time() - t0 >= seconds:
                break
        result[op] = n / (time.process_time() - t0)
    print(json.dumps(result))
    return 0


def evp_rsa(setup, which, seconds):
    """evp_rsa - {"sign": ops/s, "verify": ops/s} (or {"error": ...}) from rsa_worker under one provider's config."""
    env, _ = setup.side(which)
    _, out, err = run([sys.executable, os.path.abspath(__file__), "--rsa-worker", str(seconds)], env)
    for ln in out.splitlines():
        try:
            return json.loads(ln)
        except ValueError:
            continue
    return {"error": (err.strip().splitlines() or ["no result"])[-1]}


def bench_rsa_evp(setup, seconds, repeat):
    """bench_rsa_evp - RSA-2048 through EVP_PKEY_sign/verify with SHA2-256 set (rsa_worker), both providers."""
    log("RSA-2048 through EVP_PKEY_sign / EVP_PKEY_verify (ctypes)")
    per = {op: ([], [], []) for op in ("sign", "verify")}
    notes = set()
    for _ in range(repeat):
        for k, which in enumerate(("fips140", "default")):
            res = evp_rsa(setup, which, seconds)
            if "error" in res:
                notes.add(f"{which}: {res['error']}")
            for op in per:
                per[op][k].append(res.get(op))
        for op in per:
            per[op][2].append(module_figure(setup, f"RSA-2048-{op}", seconds))
    rows = []
    for op, (f, d, m) in per.items():
        rows.append(dict(name=f"RSA-2048-{op}", speed="EVP_PKEY_" + op + " (SHA2-256 set)", fips=best(f),
                         default=best(d), module=best(m),
                         noise=max(filter(None, [spread(f), spread(d), spread(m)]), default=None),
                         notes=sorted(notes)))
    return rows


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_cpu_seconds(pid):
    """proc_cpu_seconds - utime + stime of a process (/proc/PID/stat fields 14, 15), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_certs(setup):
    """make_certs - self-signed ECDSA P-256 and RSA-2048 certificates (made by the default provider)."""
    env = setup.env(os.devnull)
    certs = {}
    for kind, keyargs in (("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]),
                          ("rsa", ["-newkey", "rsa:2048"])):
        key, crt = os.path.join(setup.work, f"{kind}.key"), os.path.join(setup.work, f"{kind}.crt")
        rc, _, err = run([setup.openssl, "req", "-x509", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                          "-keyout", key, "-out", crt] + keyargs, env)
        if rc != 0:
            raise SystemExit(f"provider_bench.py: cannot make a test certificate: {err.strip()}")
        certs[kind] = (crt, key)
    return certs


def wait_listening(port, proc, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def handshakes(setup, conf, cert, key, proto_args, seconds):
    """handshakes - (connections/s wall, server CPU seconds per handshake, error) of one s_server/s_time pair."""
    env = setup.env(conf)
    port = free_port()
    # stdin: a pipe left open (at EOF s_server would end each connection itself); stderr: a file, since s_server
    # logs an "unexpected eof" line per s_time connection and would block on a full pipe
    srv_log = os.path.join(setup.work, "s_server.log")
    with open(srv_log, "w") as logf:
        srv = subprocess.Popen([setup.openssl, "s_server", "-accept", f"127.0.0.1:{port}", "-cert", cert, "-key",
                                key, "-quiet", "-naccept", "1000000"] + NO_CA + proto_args,
                               env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=logf)
    try:
        if not wait_listening(port, srv):
            with open(srv_log) as f:
                return None, None, "s_server did not start: " + f.read().strip()[-200:]
        time.sleep(0.2)
        cpu0 = proc_cpu_seconds(srv.pid)
        rc, out, err = run([setup.openssl, "s_time", "-connect", f"127.0.0.1:{port}", "-new", "-time",
                            str(seconds)] + NO_CA + proto_args, env, timeout=seconds + 60)
        cpu1 = proc_cpu_seconds(srv.pid)
    finally:
        srv.terminate()
        try:
            srv.wait(timeout=5)
        except subprocess.TimeoutExpired:
            srv.kill()
            srv.wait()
    # "N connections in X.XXs; Y connections/user sec, bytes read 0"
    for ln in out.splitlines():
        if "connections in" in ln and "user sec" in ln:
            n = int(ln.split()[0])
            if n == 0:
                break
            return n / seconds, (cpu1 - cpu0) / n, ""
    return None, None, (err.strip().splitlines() or ["no result"])[-1]


def bench_tls(setup, seconds, repeat, with_tls12):
    certs = make_certs(setup)
    fips_conf = os.path.join(setup.work, "fips140-tls.cnf")
    default_conf = os.path.join(setup.work, "default-tls.cnf")
    write_fips_conf(fips_conf, module_mac(setup.so), groups="P-256")
    write_default_conf(default_conf, "P-256")
    cases = [("TLS 1.3, P-256 key share, ECDSA P-256 certificate, TLS_AES_256_GCM_SHA384", certs["ec"],
              ["-tls1_3"])]
    if with_tls12:
        cases.append(("TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256 (P-256), RSA-2048 certificate", certs["rsa"],
                      ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"]))
    rows = []
    for label, (crt, key), proto in cases:
        log(f"handshakes: {label}")
        res = {"fips140": ([], []), "default": ([], [])}
        notes = set()
        for _ in range(repeat):
            for which, conf in (("fips140", fips_conf), ("default", default_conf)):
                rate, cpu, err = handshakes(setup, conf, crt, key, proto, seconds)
                res[which][0].append(rate)
                res[which][1].append(cpu)
                if rate is None:
                    notes.add(f"{which}: {err}")
        cpu_best = {w: min((c for c in res[w][1] if c), default=None) for w in res}
        rows.append(dict(name=label, fips=best(res["fips140"][0]), default=best(res["default"][0]),
                         fips_cpu=cpu_best["fips140"], default_cpu=cpu_best["default"],
                         noise=max(filter(None, [spread(res["fips140"][0]), spread(res["default"][0])]),
                                   default=None),
                         notes=sorted(notes)))
    return rows


def clean_error(line):
    """clean_error - an OpenSSL error line without its per-process thread id prefix, so repeats compare equal."""
    return re.sub(r"^[0-9A-F]{8,}:error:", "error:", line.strip())


def noise(v):
    return f"{v:.0f}%" if v is not None else "-"


def render(facts, cmdline, sym, pk, tls, guard_problems, args):
    out = ["## OpenSSL provider", "",
           f"Produced by `{cmdline}` (bench/provider_bench.py, issue 7 item 6) in one run, on:", ""]
    out += [f"- **{k}**: {v}" for k, v in facts]
    out += ["", "Columns: **fips140** = `openssl speed -provider fips140` under a config with only fips140 + base and "
            "`default_properties = fips=yes`; **default** = the same command with OpenSSL's default provider; "
            "**module** = `fips140 speed --json --cpu-time`, the module called directly. CPU time on every side "
            f"(`openssl speed` without `-elapsed`). Each cell is the best of {args.repeat} run(s) of "
            f"{args.seconds} s, the three alternating; *spread* is the largest (max - min) / max over the repeats "
            "of the row's three figures, a measure of the machine's noise.", ""]
    if guard_problems:
        out += ["**Guard FAILED** - a command measured something with fips140 refused:", ""]
        out += [f"- {p}" for p in guard_problems] + [""]
    else:
        out += ["Guard: with the fips140 section's module-mac altered, every `openssl speed` command used here "
                "(with and without `-provider fips140`) produces no figure, so the fips140 columns are fips140's.", ""]
    if sym:
        out += ["| Algorithm | Size (bytes) | fips140 MB/s | default MB/s | module MB/s | fips140 / default "
                "| fips140 / module | spread |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r in sym:
            out.append(f"| {r['name']} | {r['size']} | {fmt(r['fips'], 1e6)} | {fmt(r['default'], 1e6)} | "
                       f"{fmt(r['module'], 1e6)} | {ratio(r['fips'], r['default'])} | "
                       f"{ratio(r['fips'], r['module'])} | {noise(r['noise'])} |")
        out += ["", "`openssl speed` arguments: " + "; ".join(f"{n}: `{' '.join(a)}`" for n, a in SYMMETRIC)
                + ". MB = 10^6 bytes.", ""]
    if pk:
        out += ["| Operation | fips140 ops/s | default ops/s | module ops/s | fips140 / default | fips140 / module "
                "| spread | measured with |", "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in pk:
            out.append(f"| {r['name']} | {fmt(r['fips'])} | {fmt(r['default'])} | {fmt(r['module'])} | "
                       f"{ratio(r['fips'], r['default'])} | {ratio(r['fips'], r['module'])} | "
                       f"{noise(r['noise'])} | {r['speed']} |")
        notes = sorted({n for r in pk for n in r["notes"]})
        if notes:
            out += ["", "Failures reported:", ""] + [f"- {n}" for n in notes]
        out += ["", "`openssl speed ecdsapN` / `rsa2048` (OpenSSL 3.0.22) sign and verify through EVP_PKEY_sign / "
                "EVP_PKEY_verify with the provider's keys: ECDSA over a fixed short input, RSA PKCS#1 v1.5 over 36 raw "
                "bytes with no digest set on the context. Rows marked `EVP_PKEY_sign (SHA2-256 set)` come from this "
                "script's own loop (libcrypto through ctypes, one context, a SHA2-256 digest set, RSASSA-PKCS1-v1_5, "
                "e = 65537, process CPU time; about 0.5 us of Python per call, i.e. a few percent of a verify) - "
                "the same operation as `fips140 speed RSA-2048-sign` / `-verify`. The module's RSA signing "
                "includes blinding and a check of the signature before release.", ""]
    if tls:
        out += ["| Handshake | fips140 handshakes/s | default handshakes/s | fips140 / default | "
                "fips140 server CPU ms/handshake | default server CPU ms/handshake | spread |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for r in tls:
            out.append(f"| {r['name']} | {fmt(r['fips'])} | {fmt(r['default'])} | {ratio(r['fips'], r['default'])} "
                       f"| {fmt(r['fips_cpu'], 1e-3, 3)} | {fmt(r['default_cpu'], 1e-3, 3)} | "
                       f"{noise(r['noise'])} |")
        notes = sorted({n for r in tls for n in r["notes"]})
        if notes:
            out += ["", "Failures:", ""] + [f"- {n}" for n in notes]
        out += ["", f"`openssl s_time -new -time {args.tls_seconds}` against `openssl s_server -naccept ...` on "
                "127.0.0.1 (both with `-no-CAfile -no-CApath -no-CAstore`), both under the same config (Groups = "
                "P-256 in its ssl_conf section, so both sides use a P-256 key share); handshakes/s = full handshakes completed / the -time window (wall clock). "
                "Client and server share the machine's CPUs, so the rate measures the pair, plus whatever else "
                "runs; the server's CPU time per handshake (/proc/PID/stat, 10 ms ticks) is the server side "
                "alone (best of the repeats).", ""]
    return "\n".join(out)


def update_file(path, text):
    try:
        with open(path) as f:
            doc = f.read()
    except OSError:
        doc = ""
    block = f"{MARK_BEGIN}\n{text.rstrip()}\n{MARK_END}"
    i, j = doc.find(MARK_BEGIN), doc.find(MARK_END)
    if i >= 0 and j > i:
        doc = doc[:i] + block + doc[j + len(MARK_END):]
    else:
        doc = doc.rstrip() + ("\n\n" if doc else "") + block + "\n"
    with open(path, "w") as f:
        f.write(doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", help="build directory (bin/fips140, lib/ossl-modules/fips140.so)")
    ap.add_argument("--openssl", default="openssl", help="openssl binary (3.0 or later)")
    ap.add_argument("--quick", action="store_true", help="1 s per figure, one repeat, sizes 16,16384, TLS 1.3 only")
    ap.add_argument("--seconds", type=int, help="seconds per `openssl speed` / `fips140 speed` figure (default 3)")
    ap.add_argument("--tls-seconds", type=int, help="s_time -time (default 5)")
    ap.add_argument("--repeat", type=int, help="runs per figure, best kept (default 3)")
    ap.add_argument("--sizes", help="buffer sizes (default 16,1024,16384)")
    ap.add_argument("--no-tls12", action="store_true", help="skip the TLS 1.2 ECDHE-RSA handshakes")
    ap.add_argument("--only", choices=["symmetric", "public-key", "tls"], action="append",
                    help="run only these parts (repeatable)")
    ap.add_argument("--update", help="replace the OpenSSL provider section of this Markdown file (or append it)")
    ap.add_argument("--rsa-worker", type=float, help=argparse.SUPPRESS)  # internal: rsa_worker in a subprocess
    args = ap.parse_args()
    if args.rsa_worker:
        return rsa_worker(args.rsa_worker)
    args.seconds = args.seconds or (1 if args.quick else 3)
    args.tls_seconds = args.tls_seconds or (2 if args.quick else 5)
    args.repeat = args.repeat or (1 if args.quick else 3)
    try:
        sizes = [int(s) for s in (args.sizes or ("16,16384" if args.quick else "16,1024,16384")).split(",") if s]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1 or args.seconds < 1 or args.tls_seconds < 1 or args.repeat < 1:
        print("provider_bench.py: --sizes must be positive integers, --seconds/--tls-seconds/--repeat >= 1",
              file=sys.stderr)
        return 2
    if not args.build:
        ap.error("--build BUILD_DIR is required")
    parts = set(args.only or ["symmetric", "public-key", "tls"])
    cmdline = "python3 bench/provider_bench.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    with tempfile.TemporaryDirectory(prefix="provider_bench.") as work:
        setup = Setup(args.build, args.openssl, work)
        facts = compare.machine_facts(setup.cli, args.openssl)
        log("guard: fips140 refused must mean no figures")
        problems = guard(setup)
        for p in problems:
            log("GUARD: " + p)
        sym = bench_symmetric(setup, sizes, args.seconds, args.repeat) if "symmetric" in parts else []
        pk = bench_public_key(setup, args.seconds, args.repeat) if "public-key" in parts else []
        if pk:
            pk += bench_rsa_evp(setup, args.seconds, args.repeat)
        tls = bench_tls(setup, args.tls_seconds, args.repeat, not (args.quick or args.no_tls12)) \
            if "tls" in parts else []
        facts.append(("Load average at end", " ".join(f"{x:.2f}" for x in os.getloadavg())))
        text = render(facts, cmdline, sym, pk, tls, problems, args)
    print(text)
    if args.update:
        update_file(args.update, text)
        log(f"updated {args.update}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
