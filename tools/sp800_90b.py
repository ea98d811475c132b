#!/usr/bin/env python3
"""tools/sp800_90b.py - our own pure-Python implementation of the SP 800-90B (January 2018) §6.3 non-IID min-entropy
estimators, for raw samples recorded with `fips140 entropy --raw N -o FILE`. It is NOT NIST's
SP800-90B_EntropyAssessment (ea_non_iid); its results are a cross-check until that tool is run (docs/ENTROPY.md).

Usage: sp800_90b.py FILE [BITS_PER_SAMPLE=8] [--bit-limit N] [--lag-bit-limit N] [--cutoffs H ALPHA_LOG2]
       sp800_90b.py --restart FILE H_I     (1000 x 1000 matrix from `fips140 entropy --restart`)

Estimators (formulas from SP 800-90B §6.3, confidence level 99 % (Z = 2.576) as in the spec):
  §6.3.1 Most Common Value, §6.3.2 Collision*, §6.3.3 Markov*, §6.3.4 Compression*, §6.3.5 t-Tuple,
  §6.3.6 Longest Repeated Substring, §6.3.7 MultiMCW prediction, §6.3.8 Lag prediction, §6.3.9 MultiMMC
  prediction, §6.3.10 LZ78Y prediction.   (* binary data only, as the spec says.)
As in §3.1.3, non-binary samples are assessed twice: as symbols (H_original, every estimator that applies to
non-binary data) and as the bit string of their bits, most significant first (H_bitstring, all ten); the result is
min(H_original, BITS_PER_SAMPLE * H_bitstring).

Subsampling (to keep pure Python to a few minutes; stated in the output): the symbol estimators use every sample;
the bit-string estimators use the first --bit-limit bits (default 1,000,000), and the bit-string Lag predictor the
first --lag-bit-limit bits (default 250,000). Speed-ups that keep the exact result: t-tuple/LRS counts with
dictionaries of byte slices; the symbol Lag predictor is simulated event by event (only positions where some lag
matches can change a score or be a correct prediction); MultiMCW keeps a lazy max-heap per window; MultiMMC and
LZ78Y keep each context's most frequent successor incrementally; the Compression estimate's G(z) uses the closed
form of its double sum.
"""
import collections
import heapq
import math
import re
import sys
import time

Z = 2.576  # §6.3: the 99 % confidence bound


def upper_bound(p, n):
    """p_u = min(1, p + Z sqrt(p(1-p)/(n-1)))."""
    return min(1.0, p + Z * math.sqrt(p * (1.0 - p) / (n - 1)))


def mcv(s):
    """§6.3.1 Most Common Value estimate."""
    L = len(s)
    p = max(collections.Counter(s).values()) / L
    return -math.log2(upper_bound(p, L))


def collision(b):
    """§6.3.2 Collision estimate (binary). For bits, each collision search takes t = 2 samples when s_i = s_{i+1}
    and t = 3 otherwise, so E[t] = 2 + 2p(1-p); X' = mean - Z sigma / sqrt(v) is solved for p in [1/2, 1]."""
    L = len(b)
    ts = []
    i = 0
    while i + 1 < L:
        if b[i] == b[i + 1]:
            ts.append(2)
            i += 2
        elif i + 2 < L:
            ts.append(3)
            i += 3
        else:
            break
    v = len(ts)
    mean = sum(ts) / v
    sd = math.sqrt(sum((t - mean) ** 2 for t in ts) / (v - 1))
    x = mean - Z * sd / math.sqrt(v)
    d = 0.25 - (x - 2.0) / 2.0  # 2 + 2p(1-p) = x  <=>  p = 1/2 + sqrt(1/4 - (x-2)/2)
    p = 0.5 if d <= 0 else 0.5 + math.sqrt(d)
    return -math.log2(min(1.0, p))


def markov(b):
    """§6.3.3 Markov estimate (binary): the most likely 128-bit sequence under the first-order model."""
    L = len(b)
    c1 = sum(b)
    p0, p1 = (L - c1) / L, c1 / L
    t = [[0, 0], [0, 0]]
    for i in range(L - 1):
        t[b[i]][b[i + 1]] += 1
    def tr(a, c):
        n = t[a][0] + t[a][1]
        return t[a][c] / n if n else 0.0
    p00, p01, p10, p11 = tr(0, 0), tr(0, 1), tr(1, 0), tr(1, 1)
    cands = [p0 * p00 ** 127, p0 * p01 ** 64 * p10 ** 63, p0 * p01 * p11 ** 126,
             p1 * p10 * p00 ** 126, p1 * p10 ** 64 * p01 ** 63, p1 * p11 ** 127]
    pmax = max(cands)
    return min(-math.log2(pmax) / 128.0, 1.0) if pmax > 0 else 1.0


def compression(b, nb=6, Q=1000):
    """§6.3.4 Compression estimate (binary): Maurer-style distances between 6-bit blocks, then solve
    G(p) + (2^b - 1) G(q) = X' for p."""
    Lp = len(b) // nb
    blocks = [int("".join("1" if x else "0" for x in b[i * nb:(i + 1) * nb]), 2) for i in range(Lp)]
    last = {}
    for i in range(Q):
        last[blocks[i]] = i + 1
    K = Lp - Q
    sx = sxx = 0.0
    for i in range(Q + 1, Lp + 1):
        v = blocks[i - 1]
        a = i - last[v] if v in last else i
        last[v] = i
        lg = math.log2(a)
        sx += lg
        sxx += lg * lg
    mean = sx / K
    sigma = 0.5907 * math.sqrt(max(0.0, sxx / (K - 1) - mean * mean))
    x = mean - Z * sigma / math.sqrt(K)
    logs = [0.0] + [math.log2(u) for u in range(1, Lp + 1)]

    def G(z):
        # (1/K) sum_{t=Q+1}^{L'} [ sum_{u<t} z^2 (1-z)^(u-1) log2 u + z (1-z)^(t-1) log2 t ], with the inner sum
        # regrouped by u: the term for u appears once for every t in [max(u+1, Q+1), L'].
        tot = 0.0
        w = 1.0  # (1-z)^(u-1)
        for u in range(1, Lp + 1):
            if w < 1e-300:
                break
            n_u = Lp - max(u, Q)
            if n_u > 0:
                tot += z * z * w * logs[u] * n_u
            if u >= Q + 1:
                tot += z * w * logs[u]
            w *= 1.0 - z
        return tot / K

    def E(p):
        q = (1.0 - p) / (2 ** nb - 1)
        return G(p) + (2 ** nb - 1) * G(q)

    lo, hi = 2.0 ** -nb, 1.0
    if E(lo) <= x:
        p = lo
    else:
        for _ in range(40):
            mid = (lo + hi) / 2
            if E(mid) > x:
                lo = mid
            else:
                hi = mid
        p = hi
    return -math.log2(p) / nb


def tuple_counts(s, t):
    """Counts of the overlapping t-tuples of s (a bytes object)."""
    return collections.Counter(s[i:i + t] for i in range(len(s) - t + 1))


def t_tuple_and_lrs(s):
    """§6.3.5 t-Tuple and §6.3.6 LRS estimates; returns (H_tTuple, H_LRS, details)."""
    L = len(s)
    pmax = 0.0
    t = 1
    counts = tuple_counts(s, 1)
    while True:
        q = max(counts.values())
        if q < 35:
            break
        pmax = max(pmax, (q / (L - t + 1)) ** (1.0 / t))
        t += 1
        counts = tuple_counts(s, t)
    h_tuple = -math.log2(upper_bound(pmax, L))
    u = t  # smallest t with Q[t] < 35
    pm = 0.0
    W = u
    while True:
        if W != t:
            counts = tuple_counts(s, W)
        pairs = sum(c * (c - 1) // 2 for c in counts.values() if c > 1)
        if pairs == 0:
            break  # W > v: no repeated W-tuple
        n = L - W + 1
        pm = max(pm, (pairs / (n * (n - 1) / 2)) ** (1.0 / W))
        W += 1
    v = W - 1
    h_lrs = -math.log2(upper_bound(pm, L)) if v >= u else float("nan")
    return h_tuple, h_lrs, "t-tuple up to t=%d, LRS W=%d..%d" % (u - 1, u, v)


def local_bound(r, N):
    """§6.3.7 step: P_local, the p for which the probability of no run of r correct predictions in N is 0.99."""
    def f(p):
        q = 1.0 - p
        x = 1.0
        for _ in range(1000):
            nx = 1.0 + q * p ** r * x ** (r + 1)
            if abs(nx - x) < 1e-15:
                x = nx
                break
            x = nx
        num = 1.0 - p * x
        den = (r + 1.0 - r * x) * q
        if num <= 0 or den <= 0:
            return 0.0
        return math.exp(math.log(num / den) - (N + 1) * math.log(x))
    lo, hi = 0.0, 1.0 - 1e-12
    for _ in range(80):
        mid = (lo + hi) / 2
        if f(mid) > 0.99:
            lo = mid
        else:
            hi = mid
    return hi


def prediction_estimate(C, N, run, k):
    """The common end of §6.3.7-§6.3.10: P_global' (upper bound), P_local from the longest run, and 1/k."""
    if C == 0:
        pg = 1.0 - 0.01 ** (1.0 / N)
    else:
        pg = upper_bound(C / N, N)
    pl = local_bound(run + 1, N)
    return -math.log2(max(pg, pl, 1.0 / k)), pg, pl


def runs_of(correct_positions):
    """Longest run of consecutive integers in an increasing list."""
    best = cur = 0
    prev = None
    for p in correct_positions:
        cur = cur + 1 if prev is not None and p == prev + 1 else 1
        best = max(best, cur)
        prev = p
    return best


def multi_mcw(s, k):
    """§6.3.7 MultiMCW: windows 63, 255, 1023, 4095; the most common value in each window (ties: the most recent)."""
    ws = (63, 255, 1023, 4095)
    L = len(s)
    cnt = [collections.defaultdict(int) for _ in ws]
    last = [dict() for _ in ws]
    heaps = [[] for _ in ws]
    score = [0] * 4
    winner = 0
    C = run = best = 0
    for i in range(L):
        x = s[i]
        if i >= ws[0]:
            preds = []
            for j, w in enumerate(ws):
                if i < w:
                    preds.append(None)
                    continue
                h, c, lp = heaps[j], cnt[j], last[j]
                while True:
                    nc, nl, v = h[0]
                    if c.get(v, 0) == -nc and lp.get(v) == -nl:
                        break
                    heapq.heappop(h)
                preds.append(h[0][2])
            if preds[winner] == x:
                C += 1
                run += 1
                best = max(best, run)
            else:
                run = 0
            for j in range(4):
                if preds[j] == x:
                    score[j] += 1
                    if score[j] >= score[winner]:
                        winner = j
        # slide every window to include s[i] (and drop s[i-w])
        for j, w in enumerate(ws):
            c, lp, h = cnt[j], last[j], heaps[j]
            c[x] += 1
            lp[x] = i
            heapq.heappush(h, (-c[x], -i, x))
            if i - w >= 0:
                y = s[i - w]
                c[y] -= 1
                if c[y] > 0:
                    heapq.heappush(h, (-c[y], -lp[y], y))
            if len(h) > 8 * w + 64:  # compact stale entries now and then
                heaps[j] = h = [(-c[v], -lp[v], v) for v in c if c[v] > 0]
                heapq.heapify(h)
    N = L - ws[0]
    return prediction_estimate(C, N, best, k) + (C, N, best)


def lag_events(s, k, D=128):
    """§6.3.8 Lag predictor, simulated exactly from the positions where some lag d matches (s_i = s_{i-d})."""
    L = len(s)
    events = collections.defaultdict(list)
    big = int.from_bytes(s, "big")
    for d in range(1, D + 1):
        # byte j of x is zero  <=>  s[j + d] == s[j]; the positions found are predicted indices j + d
        x = (big >> (8 * d)) ^ (big & ((1 << (8 * (L - d))) - 1))
        xb = x.to_bytes(L - d, "big")
        for m in re.finditer(b"\x00", xb):
            events[m.start() + d].append(d)
    return lag_from_events(events, L, k)


def lag_from_events(events, L, k):
    score = collections.defaultdict(int)
    winner = 1
    C = 0
    correct = []
    for i in sorted(events):
        ds = events[i]  # lags d with s_i == s_{i-d}, increasing
        if winner in ds and winner <= i:
            C += 1
            correct.append(i)
        for d in ds:
            score[d] += 1
            if score[d] >= score[winner]:
                winner = d
    N = L - 1
    best = runs_of(correct)
    return prediction_estimate(C, N, best, k) + (C, N, best)


def lag_direct(b, k, D=128):
    """§6.3.8 Lag predictor, sample by sample (used for bit strings, where half of all lags match)."""
    events = {}
    L = len(b)
    for i in range(1, L):
        x = b[i]
        ds = [d for d in range(1, min(D, i) + 1) if b[i - d] == x]
        if ds:
            events[i] = ds
    return lag_from_events(events, L, k)


def multi_mmc(s, k, D=16, max_entries=100000):
    """§6.3.9 MultiMMC: Markov models of order 1..16 (at most 100,000 entries each), ties to the larger value."""
    L = len(s)
    models = [dict() for _ in range(D)]  # context bytes -> [counts dict, best count, best value]
    sizes = [0] * D
    score = [0] * D
    winner = 0
    C = run = best = 0
    for i in range(2, L):
        y = s[i - 1]
        # 3a: learn the transition (s_{i-d-1} .. s_{i-2}) -> s_{i-1}
        for d in range(1, D + 1):
            if d >= i:
                break
            ctx = s[i - d - 1:i - 1]
            m = models[d - 1]
            e = m.get(ctx)
            if e is None:
                if sizes[d - 1] >= max_entries:
                    continue
                e = m[ctx] = [{}, 0, -1]
            c = e[0].get(y)
            if c is None:
                if sizes[d - 1] >= max_entries:
                    continue
                sizes[d - 1] += 1
                c = 0
            c += 1
            e[0][y] = c
            if c > e[1] or (c == e[1] and y > e[2]):
                e[1], e[2] = c, y
        # 3b: predict s_i with each order
        x = s[i]
        preds = [None] * D
        for d in range(1, D + 1):
            if d > i:
                break
            e = models[d - 1].get(s[i - d:i])
            if e is not None:
                preds[d - 1] = e[2]
        if preds[winner] is not None and preds[winner] == x:
            C += 1
            run += 1
            best = max(best, run)
        else:
            run = 0
        for d in range(D):
            if preds[d] is not None and preds[d] == x:
                score[d] += 1
                if score[d] >= score[winner]:
                    winner = d
    N = L - 2
    return prediction_estimate(C, N, best, k) + (C, N, best)


def lz78y(s, k, B=16, max_dict=65536):
    """§6.3.10 LZ78Y: a dictionary of contexts of length 1..16 (at most 65,536), longest context wins ties."""
    L = len(s)
    Dct = {}
    C = run = best = 0
    for i in range(B + 1, L):
        y = s[i - 1]
        # 3a: add/increment (s_{i-j-1} .. s_{i-2}) -> s_{i-1}
        for j in range(B, 0, -1):
            ctx = s[i - j - 1:i - 1]
            e = Dct.get(ctx)
            if e is None:
                if len(Dct) >= max_dict:
                    continue
                e = Dct[ctx] = [{}, 0, -1]
            c = e[0].get(y, 0) + 1
            e[0][y] = c
            if c > e[1] or (c == e[1] and y > e[2]):
                e[1], e[2] = c, y
        # 3b: the prediction with the highest count over j = B..1 (strictly higher: longer contexts win ties)
        x = s[i]
        pred, maxc = None, 0
        for j in range(B, 0, -1):
            e = Dct.get(s[i - j:i])
            if e is not None and e[1] > maxc:
                pred, maxc = e[2], e[1]
        if pred is not None and pred == x:
            C += 1
            run += 1
            best = max(best, run)
        else:
            run = 0
    N = L - B - 1
    return prediction_estimate(C, N, best, k) + (C, N, best)


def critbinom(n, p, a):
    """Smallest k with P(X <= k) >= a for X ~ Binomial(n, p) (Excel's CRITBINOM), summed in log space."""
    c = 0.0
    for kk in range(n + 1):
        lp = (math.lgamma(n + 1) - math.lgamma(kk + 1) - math.lgamma(n - kk + 1) + kk * math.log(p)
              + (n - kk) * math.log1p(-p))
        c += math.exp(lp)
        if c >= a:
            return kk
    return n


def cutoffs(h, alpha_log2):
    rct = 1 + math.ceil(alpha_log2 / h)
    apt = 1 + critbinom(512, 2.0 ** -h, 1.0 - 2.0 ** -alpha_log2)
    print("H = %g bits/sample, alpha = 2^-%g: RCT cutoff %d (SP 800-90B 4.4.1), APT cutoff %d, W = 512 (4.4.2)"
          % (h, alpha_log2, rct, apt))


def restart(path, h_i):
    """§3.1.4.3 sanity check of the restart matrix (rows = restarts): the most common value of every row and every
    column must occur at most CRITBINOM(1000, 2^-H_I, 1 - 0.000005) times; then the MCV, t-Tuple and LRS
    estimates of the row and column datasets (§3.1.4.2 asks for all the non-IID estimators; the predictors are
    left to NIST's ea_restart)."""
    with open(path, "rb") as f:
        d = f.read()
    if len(d) != 1000000:
        print("sp800_90b.py: a restart matrix has 1000 x 1000 samples", file=sys.stderr)
        return 2
    rows = [d[i * 1000:(i + 1) * 1000] for i in range(1000)]
    cols = [bytes(d[j + 1000 * i] for i in range(1000)) for j in range(1000)]
    f_max = max(max(collections.Counter(x).values()) for x in rows + cols)
    u = critbinom(1000, 2.0 ** -h_i, 1.0 - 0.000005)
    print("restart sanity check (SP 800-90B 3.1.4.3) at H_I = %g: highest row/column frequency %d, cutoff %d: %s"
          % (h_i, f_max, u, "pass" if f_max <= u else "FAIL"))
    for name, data in (("row dataset", d), ("column dataset", b"".join(cols))):
        tt = t_tuple_and_lrs(data)
        print("  %s: MCV %.6f, t-Tuple %.6f, LRS %.6f" % (name, mcv(data), tt[0], tt[1]))
    return 0 if f_max <= u else 1


def run(name, fn, *args):
    t0 = time.time()
    r = fn(*args)
    h = r[0] if isinstance(r, tuple) else r
    extra = ""
    if isinstance(r, tuple) and len(r) >= 6:
        extra = "  (P_global'=%.5f P_local=%.5f correct %d of %d, longest run %d)" % (r[1], r[2], r[3], r[4], r[5])
    elif isinstance(r, tuple) and len(r) == 3:
        extra = "  (%s)" % r[2]
    print("  %-28s %.6f%s  [%.1f s]" % (name, h, extra, time.time() - t0))
    sys.stdout.flush()
    return h


def main(argv):
    args = list(argv[1:])
    if args[:1] == ["--restart"] and len(args) == 3:
        return restart(args[1], float(args[2]))
    bit_limit, lag_bit_limit = 1000000, 250000
    if "--cutoffs" in args:
        i = args.index("--cutoffs")
        cutoffs(float(args[i + 1]), float(args[i + 2]))
        del args[i:i + 3]
        if not args:
            return 0
    for opt in ("--bit-limit", "--lag-bit-limit"):
        if opt in args:
            i = args.index(opt)
            val = int(args[i + 1])
            del args[i:i + 2]
            if opt == "--bit-limit":
                bit_limit = val
            else:
                lag_bit_limit = val
    if len(args) not in (1, 2):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    nbits = int(args[1]) if len(args) == 2 else 8
    with open(args[0], "rb") as f:
        data = f.read()
    if nbits < 1 or nbits > 8 or len(data) < 4200:
        print("sp800_90b.py: need 1..8 bits per sample and at least 4200 samples", file=sys.stderr)
        return 2
    mask = (1 << nbits) - 1
    s = bytes(x & mask for x in data)
    k = 1 << nbits
    print("%s: %d samples, %d bits per sample, %d distinct values" % (args[0], len(s), nbits, len(set(s))))
    print("Our own implementation of the SP 800-90B 6.3 estimators (tools/sp800_90b.py), not NIST's ea_non_iid.")
    if nbits > 1:
        print("H_original (every sample, as %d-bit symbols):" % nbits)
        ho = [run("Most Common Value 6.3.1", mcv, s)]
        tt = t_tuple_and_lrs(s)
        print("  %-28s %.6f  (%s)" % ("t-Tuple 6.3.5", tt[0], tt[2]))
        print("  %-28s %.6f" % ("LRS 6.3.6", tt[1]))
        ho += [tt[0]] + ([tt[1]] if not math.isnan(tt[1]) else [])
        ho.append(run("MultiMCW 6.3.7", multi_mcw, s, k))
        ho.append(run("Lag 6.3.8", lag_events, s, k))
        ho.append(run("MultiMMC 6.3.9", multi_mmc, s, k))
        ho.append(run("LZ78Y 6.3.10", lz78y, s, k))
        h_original = min(ho)
        print("  H_original = %.6f" % h_original)
    bits = bytes((x >> (nbits - 1 - j)) & 1 for x in s for j in range(nbits))[:bit_limit]
    print("H_bitstring (the first %d bits, most significant bit of each sample first):" % len(bits))
    hb = [run("Most Common Value 6.3.1", mcv, bits), run("Collision 6.3.2", collision, bits),
          run("Markov 6.3.3", markov, bits), run("Compression 6.3.4", compression, bits)]
    tt = t_tuple_and_lrs(bits)
    print("  %-28s %.6f  (%s)" % ("t-Tuple 6.3.5", tt[0], tt[2]))
    print("  %-28s %.6f" % ("LRS 6.3.6", tt[1]))
    hb += [tt[0]] + ([tt[1]] if not math.isnan(tt[1]) else [])
    hb.append(run("MultiMCW 6.3.7", multi_mcw, bits, 2))
    print("  (Lag on the first %d bits)" % min(lag_bit_limit, len(bits)))
    hb.append(run("Lag 6.3.8", lag_direct, bits[:lag_bit_limit], 2))
    hb.append(run("MultiMMC 6.3.9", multi_mmc, bits, 2))
    hb.append(run("LZ78Y 6.3.10", lz78y, bits, 2))
    h_bitstring = min(hb)
    print("  H_bitstring = %.6f" % h_bitstring)
    if nbits > 1:
        print("min(H_original, %d x H_bitstring) = %.6f bits per sample" % (nbits, min(h_original, nbits * h_bitstring)))
    else:
        print("min-entropy = %.6f bits per sample" % h_bitstring)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
