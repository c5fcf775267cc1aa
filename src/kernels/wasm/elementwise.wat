;; shapecalc — element-wise float64 kernels in WebAssembly (SIMD, f64x2). Hand-written.
;; Exports tanh, exp, sigmoid, log, softplus, logSigmoid, sin and cos; each replaces n doubles in
;; place (below: tanh first, then exp and sigmoid, then the logarithms, then sin and cos).
;;
;; tanh(p, n): replace the n doubles at byte address p ≥ dataBase (16-byte aligned) by their tanh, four at
;; a time (two f64x2 vectors); when n is not a multiple of 4 the up to 3 lanes after the last one are
;; computed too (garbage in, garbage out), so the caller leaves 24 bytes of slack after the data. No traps: the garbage lane only costs time
;; (its table index is masked to 0..63 whatever its bits).
;;
;; Per lane, with a = |x| (the sign is put back at the end, so tanh(−0) = −0 and the result is
;; odd bit for bit), both branches are computed and one is chosen with a lane mask:
;;
;;   a < 0.625:  tanh a = a + a·z·P(z)/Q(z),  z = a²   (Cephes' rational approximation:
;;               P of degree 2, Q monic of degree 3; for subnormal a, z = 0 and the result is a)
;;   otherwise:  tanh a = 1 − 2/(e^{2a} + 1)  with a clamped at 22 (then 2/(e^{44} + 1) is below
;;               half an ulp of 1, so the result is exactly 1; ±∞ → ±1)
;;
;; The two share one division: y = base + num/den with (base, num, den) = (a, a·z·P, Q) or
;; (1, −2, E + 1). NaN is not below 0.625, takes the second branch and stays NaN.
;;
;; e^{s}, s = 2·min(a, 22) ∈ [1.25, 44], table-driven (Tang's method, ACM TOMS 15(2), 1989, with
;; N = 64): s = m·ln2/64 + r, |r| ≤ ln2/128, m = round(s·64/ln2) through the 1.5·2^52 shift (the
;; low mantissa bits of t = s·64/ln2 + 1.5·2^52 hold m), r = (s − m·L1) − m·L2 with
;; L1 + L2 = ln2/64 (fdlibm's ln2 split divided by 64: L1's low 32 bits are zero, so m·L1 is
;; exact for m < 2^21); m = 64·n + j, e^s = 2^n · 2^{j/64} · e^r;
;; e^r = 1 + p, p = r + r²·(1/2 + r/6 + r²·(1/24 + r/120)) (Taylor to degree 5: truncation
;; error < r⁶/720 ≤ 3.5e-17 for |r| ≤ ln2/128, which 2/(e^{2a} + 1) damps by a factor ≤ 0.36);
;; 2^n · 2^{j/64} in the exponent and mantissa bits, one integer add:
;;   bits(2^n · T_j) = (bits(t) << 46) + (bits(T_j) − (j << 46)),
;; since bits(t) << 46 = (n << 52) + (j << 46) (the exponent bits of t and its 1.5 bit shift out);
;; the table holds bits(T_j) − (j << 46), T_j = 2^{j/64} rounded to nearest (computed with mpmath
;; at 200 bits: float(mpf(2) ** (mpf(j) / 64))), one 8-byte entry per j, fetched per lane.
;;
;; Memory: [0, 512) the constants as f64x2/i64x2 pairs, [512, 1024) the table, [1024, 1536) the
;; table's rounding errors (for exp), [1536, 1856) the logarithms' constants, [1856, 2544) those
;; of sin and cos, all written by the start function; constants are read with
;; v128.load (V8 rematerializes a v128.const at every use, 3 instructions each; a load is one); the
;; caller's data goes at dataBase and above. For tanh and log the build reads each constant once,
;; before the loop, into a local (scripts/build-wasm.mjs, hoistConstants: V8 would place all the
;; loads at the top of the loop body and spill them).

(module
  (memory (export "memory") 1)
  (global (export "dataBase") i32 (i32.const 2544))

  ;; The constant table (offsets in bytes; each value twice, one per lane), then T_j (j = 0..63).
  (func $init
    (v128.store offset=0 (i32.const 0) (v128.const i64x2 0x8000000000000000 0x8000000000000000))  ;; sign bit
    (v128.store offset=16 (i32.const 0) (v128.const f64x2 1 1))  ;; 1
    (v128.store offset=32 (i32.const 0) (v128.const f64x2 0.625 0.625))  ;; 0.625: rational below, exp form above
    (v128.store offset=48 (i32.const 0) (v128.const f64x2 22 22))  ;; 22: clamp (result exactly 1 beyond)
    (v128.store offset=64 (i32.const 0) (v128.const f64x2 -2 -2))  ;; −2
    (v128.store offset=80 (i32.const 0) (v128.const f64x2 -9.64399179425052238628e-1 -9.64399179425052238628e-1))  ;; Cephes tanh P(z) = P0·z² + P1·z + P2
    (v128.store offset=96 (i32.const 0) (v128.const f64x2 -9.92877231001918586564e1 -9.92877231001918586564e1))
    (v128.store offset=112 (i32.const 0) (v128.const f64x2 -1.61468768441708447952e3 -1.61468768441708447952e3))
    (v128.store offset=128 (i32.const 0) (v128.const f64x2 1.12811678491632931402e2 1.12811678491632931402e2))  ;; Q(z) = z³ + Q0·z² + Q1·z + Q2
    (v128.store offset=144 (i32.const 0) (v128.const f64x2 2.23548839060100448583e3 2.23548839060100448583e3))
    (v128.store offset=160 (i32.const 0) (v128.const f64x2 4.84406305325125486048e3 4.84406305325125486048e3))
    (v128.store offset=176 (i32.const 0) (v128.const f64x2 92.33248261689366 92.33248261689366))  ;; 64/ln2 (= 64 · fl(1/ln2))
    (v128.store offset=192 (i32.const 0) (v128.const f64x2 6755399441055744 6755399441055744))  ;; 1.5·2^52 (round to integer)
    (v128.store offset=208 (i32.const 0) (v128.const f64x2 0.01083042469326756 0.01083042469326756))  ;; L1 = fdlibm ln2_hi / 64
    (v128.store offset=224 (i32.const 0) (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))  ;; L2 = fdlibm ln2_lo / 64
    (v128.store offset=240 (i32.const 0) (v128.const f64x2 0.5 0.5))  ;; 1/2!
    (v128.store offset=256 (i32.const 0) (v128.const f64x2 0.16666666666666666 0.16666666666666666))  ;; 1/3!
    (v128.store offset=272 (i32.const 0) (v128.const f64x2 0.041666666666666664 0.041666666666666664))  ;; 1/4!
    (v128.store offset=288 (i32.const 0) (v128.const f64x2 0.008333333333333333 0.008333333333333333))  ;; 1/5!
    ;; exp over the whole range (see "exp" below)
    (v128.store offset=304 (i32.const 0) (v128.const f64x2 0.001388888888888889 0.001388888888888889))  ;; 1/6!
    (v128.store offset=320 (i32.const 0) (v128.const f64x2 -746 -746))  ;; clamp: e^{−746} rounds to 0
    (v128.store offset=336 (i32.const 0) (v128.const f64x2 710 710))  ;; clamp: e^{710} overflows to ∞
    (v128.store offset=352 (i32.const 0) (v128.const f64x2 709 709))  ;; above: scale by 2^{n−1}, then 2
    (v128.store offset=368 (i32.const 0) (v128.const f64x2 -708 -708))  ;; below: scale by 2^{n+1000}, then 2^{−1000}
    (v128.store offset=384 (i32.const 0) (v128.const i64x2 0x0010000000000000 0x0010000000000000))  ;; 1 << 52
    (v128.store offset=400 (i32.const 0) (v128.const i64x2 0xc180000000000000 0xc180000000000000))  ;; −1000 << 52
    (v128.store offset=416 (i32.const 0) (v128.const f64x2 2 2))
    (v128.store offset=432 (i32.const 0) (v128.const f64x2 0x1p-1000 0x1p-1000))
    ;; T_j: bits(2^{j/64}) − (j << 46), as i64
    (v128.store offset=512 (i32.const 0) (v128.const i64x2 0x3ff0000000000000 0x3fefec9a3e778061))  ;; j = 0, 1: 0x1.0000000000000p+0, 0x1.02c9a3e778061p+0
    (v128.store offset=528 (i32.const 0) (v128.const i64x2 0x3fefd9b0d3158574 0x3fefc74518759bc8))  ;; j = 2, 3: 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0
    (v128.store offset=544 (i32.const 0) (v128.const i64x2 0x3fefb5586cf9890f 0x3fefa3ec32d3d1a2))  ;; j = 4, 5: 0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0
    (v128.store offset=560 (i32.const 0) (v128.const i64x2 0x3fef9301d0125b51 0x3fef829aaea92de0))  ;; j = 6, 7: 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0
    (v128.store offset=576 (i32.const 0) (v128.const i64x2 0x3fef72b83c7d517b 0x3fef635beb6fcb75))  ;; j = 8, 9: 0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0
    (v128.store offset=592 (i32.const 0) (v128.const i64x2 0x3fef54873168b9aa 0x3fef463b88628cd6))  ;; j = 10, 11: 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0
    (v128.store offset=608 (i32.const 0) (v128.const i64x2 0x3fef387a6e756238 0x3fef2b4565e27cdd))  ;; j = 12, 13: 0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0
    (v128.store offset=624 (i32.const 0) (v128.const i64x2 0x3fef1e9df51fdee1 0x3fef1285a6e4030b))  ;; j = 14, 15: 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0
    (v128.store offset=640 (i32.const 0) (v128.const i64x2 0x3fef06fe0a31b715 0x3feefc08b26416ff))  ;; j = 16, 17: 0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0
    (v128.store offset=656 (i32.const 0) (v128.const i64x2 0x3feef1a7373aa9cb 0x3feee7db34e59ff7))  ;; j = 18, 19: 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0
    (v128.store offset=672 (i32.const 0) (v128.const i64x2 0x3feedea64c123422 0x3feed60a21f72e2a))  ;; j = 20, 21: 0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0
    (v128.store offset=688 (i32.const 0) (v128.const i64x2 0x3feece086061892d 0x3feec6a2b5c13cd0))  ;; j = 22, 23: 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0
    (v128.store offset=704 (i32.const 0) (v128.const i64x2 0x3feebfdad5362a27 0x3feeb9b2769d2ca7))  ;; j = 24, 25: 0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0
    (v128.store offset=720 (i32.const 0) (v128.const i64x2 0x3feeb42b569d4f82 0x3feeaf4736b527da))  ;; j = 26, 27: 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0
    (v128.store offset=736 (i32.const 0) (v128.const i64x2 0x3feeab07dd485429 0x3feea76f15ad2148))  ;; j = 28, 29: 0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0
    (v128.store offset=752 (i32.const 0) (v128.const i64x2 0x3feea47eb03a5585 0x3feea23882552225))  ;; j = 30, 31: 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0
    (v128.store offset=768 (i32.const 0) (v128.const i64x2 0x3feea09e667f3bcd 0x3fee9fb23c651a2f))  ;; j = 32, 33: 0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0
    (v128.store offset=784 (i32.const 0) (v128.const i64x2 0x3fee9f75e8ec5f74 0x3fee9feb564267c9))  ;; j = 34, 35: 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0
    (v128.store offset=800 (i32.const 0) (v128.const i64x2 0x3feea11473eb0187 0x3feea2f336cf4e62))  ;; j = 36, 37: 0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0
    (v128.store offset=816 (i32.const 0) (v128.const i64x2 0x3feea589994cce13 0x3feea8d99b4492ed))  ;; j = 38, 39: 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0
    (v128.store offset=832 (i32.const 0) (v128.const i64x2 0x3feeace5422aa0db 0x3feeb1ae99157736))  ;; j = 40, 41: 0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0
    (v128.store offset=848 (i32.const 0) (v128.const i64x2 0x3feeb737b0cdc5e5 0x3feebd829fde4e50))  ;; j = 42, 43: 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0
    (v128.store offset=864 (i32.const 0) (v128.const i64x2 0x3feec49182a3f090 0x3feecc667b5de565))  ;; j = 44, 45: 0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0
    (v128.store offset=880 (i32.const 0) (v128.const i64x2 0x3feed503b23e255d 0x3feede6b5579fdbf))  ;; j = 46, 47: 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0
    (v128.store offset=896 (i32.const 0) (v128.const i64x2 0x3feee89f995ad3ad 0x3feef3a2b84f15fb))  ;; j = 48, 49: 0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0
    (v128.store offset=912 (i32.const 0) (v128.const i64x2 0x3feeff76f2fb5e47 0x3fef0c1e904bc1d2))  ;; j = 50, 51: 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0
    (v128.store offset=928 (i32.const 0) (v128.const i64x2 0x3fef199bdd85529c 0x3fef27f12e57d14b))  ;; j = 52, 53: 0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0
    (v128.store offset=944 (i32.const 0) (v128.const i64x2 0x3fef3720dcef9069 0x3fef472d4a07897c))  ;; j = 54, 55: 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0
    (v128.store offset=960 (i32.const 0) (v128.const i64x2 0x3fef5818dcfba487 0x3fef69e603db3285))  ;; j = 56, 57: 0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0
    (v128.store offset=976 (i32.const 0) (v128.const i64x2 0x3fef7c97337b9b5f 0x3fef902ee78b3ff6))  ;; j = 58, 59: 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0
    (v128.store offset=992 (i32.const 0) (v128.const i64x2 0x3fefa4afa2a490da 0x3fefba1bee615a27))  ;; j = 60, 61: 0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0
    (v128.store offset=1008 (i32.const 0) (v128.const i64x2 0x3fefd0765b6e4540 0x3fefe7c1819e90d8))  ;; j = 62, 63: 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0
    ;; δ_j = (2^{j/64} − T_j)/T_j, the rounding error of T_j relative to it (mpmath at 300 bits)
    (v128.store offset=1024 (i32.const 0) (v128.const f64x2 0.0 -1.507066976926039e-17))  ;; j = 0, 1
    (v128.store offset=1040 (i32.const 0) (v128.const f64x2 4.9997448722726326e-17 7.357846871247418e-18))  ;; j = 2, 3
    (v128.store offset=1056 (i32.const 0) (v128.const f64x2 8.189317638195515e-17 1.6665881442326747e-18))  ;; j = 4, 5
    (v128.store offset=1072 (i32.const 0) (v128.const f64x2 -7.402825309426177e-17 -6.170654745608695e-17))  ;; j = 6, 7
    (v128.store offset=1088 (i32.const 0) (v128.const f64x2 -2.7939114859515733e-17 4.776959425256223e-17))  ;; j = 8, 9
    (v128.store offset=1104 (i32.const 0) (v128.const f64x2 9.341710609905046e-17 4.585670326662351e-17))  ;; j = 10, 11
    (v128.store offset=1120 (i32.const 0) (v128.const f64x2 7.826573258636076e-17 2.823784425951061e-17))  ;; j = 12, 13
    (v128.store offset=1136 (i32.const 0) (v128.const f64x2 3.2904726646008416e-17 4.721368121170128e-17))  ;; j = 14, 15
    (v128.store offset=1152 (i32.const 0) (v128.const f64x2 3.3484623336251524e-17 5.527550048505249e-17))  ;; j = 16, 17
    (v128.store offset=1168 (i32.const 0) (v128.const f64x2 -6.346552106729483e-17 -1.5456342819397733e-17))  ;; j = 18, 19
    (v128.store offset=1184 (i32.const 0) (v128.const f64x2 3.750854201303127e-17 -5.346099009198751e-18))  ;; j = 20, 21
    (v128.store offset=1200 (i32.const 0) (v128.const f64x2 2.1023049675215714e-18 1.3357510088834541e-17))  ;; j = 22, 23
    (v128.store offset=1216 (i32.const 0) (v128.const f64x2 1.9572585293112036e-17 -5.478069123926778e-17))  ;; j = 24, 25
    (v128.store offset=1232 (i32.const 0) (v128.const f64x2 -2.1571477251208752e-17 6.663804589232195e-17))  ;; j = 26, 27
    (v128.store offset=1248 (i32.const 0) (v128.const f64x2 5.68648095791174e-17 7.007875046906994e-17))  ;; j = 28, 29
    (v128.store offset=1264 (i32.const 0) (v128.const f64x2 -4.8923067513522756e-17 -6.872303720902018e-17))  ;; j = 30, 31
    (v128.store offset=1280 (i32.const 0) (v128.const f64x2 -6.835808657661922e-17 -8.416011634717156e-18))  ;; j = 32, 33
    (v128.store offset=1296 (i32.const 0) (v128.const f64x2 -2.092304381843353e-17 -3.833464968654295e-17))  ;; j = 34, 35
    (v128.store offset=1312 (i32.const 0) (v128.const f64x2 -2.3591094770850053e-17 9.50689710108796e-18))  ;; j = 36, 37
    (v128.store offset=1328 (i32.const 0) (v128.const f64x2 -6.735219232374683e-17 -7.226635472101257e-17))  ;; j = 38, 39
    (v128.store offset=1344 (i32.const 0) (v128.const f64x2 5.1548301170786783e-17 2.4253985766689806e-17))  ;; j = 40, 41
    (v128.store offset=1360 (i32.const 0) (v128.const f64x2 -6.432131775424189e-18 -6.336161863401293e-17))  ;; j = 42, 43
    (v128.store offset=1376 (i32.const 0) (v128.const f64x2 1.5341410053603723e-17 -4.123367330661149e-17))  ;; j = 44, 45
    (v128.store offset=1392 (i32.const 0) (v128.const f64x2 -6.152602891550265e-17 3.540948262646183e-17))  ;; j = 46, 47
    (v128.store offset=1408 (i32.const 0) (v128.const f64x2 4.875160526227062e-17 -4.719539664590972e-18))  ;; j = 48, 49
    (v128.store offset=1424 (i32.const 0) (v128.const f64x2 -1.0772487078934056e-17 1.821405440362259e-17))  ;; j = 50, 51
    (v128.store offset=1440 (i32.const 0) (v128.const f64x2 1.685487290628973e-17 3.621615935336894e-17))  ;; j = 52, 53
    (v128.store offset=1456 (i32.const 0) (v128.const f64x2 1.01562190116415e-17 -5.495118966122005e-17))  ;; j = 54, 55
    (v128.store offset=1472 (i32.const 0) (v128.const f64x2 1.790126907604513e-17 5.265370768556274e-17))  ;; j = 56, 57
    (v128.store offset=1488 (i32.const 0) (v128.const f64x2 -3.266924100901318e-17 1.7963932659833022e-17))  ;; j = 58, 59
    (v128.store offset=1504 (i32.const 0) (v128.const f64x2 -5.545065618639427e-17 5.336805878514151e-17))  ;; j = 60, 61
    (v128.store offset=1520 (i32.const 0) (v128.const f64x2 4.5784915277060095e-17 2.0414278897578303e-17))  ;; j = 62, 63
    ;; the logarithms (see $logkf below)
    (v128.store offset=1536 (i32.const 0) (v128.const i64x2 0x00095f6200000000 0x00095f6200000000))  ;; (0x3ff00000 − 0x3fe6a09e) << 32
    (v128.store offset=1552 (i32.const 0) (v128.const i64x2 0x000fffffffffffff 0x000fffffffffffff))  ;; mantissa bits
    (v128.store offset=1568 (i32.const 0) (v128.const i64x2 0x3fe6a09e00000000 0x3fe6a09e00000000))  ;; high word of √2/2
    (v128.store offset=1584 (i32.const 0) (v128.const i64x2 0x4330000000000000 0x4330000000000000))  ;; bits of 2^52
    (v128.store offset=1600 (i32.const 0) (v128.const f64x2 4503599627371519 4503599627371519))  ;; 2^52 + 1023
    (v128.store offset=1616 (i32.const 0) (v128.const i64x2 0x3fe5555555555593 0x3fe5555555555593))  ;; Lg1 = 6.666666666666735130e-01
    (v128.store offset=1632 (i32.const 0) (v128.const i64x2 0x3fd999999997fa04 0x3fd999999997fa04))  ;; Lg2 = 3.999999999940941908e-01
    (v128.store offset=1648 (i32.const 0) (v128.const i64x2 0x3fd2492494229359 0x3fd2492494229359))  ;; Lg3 = 2.857142874366239149e-01
    (v128.store offset=1664 (i32.const 0) (v128.const i64x2 0x3fcc71c51d8e78af 0x3fcc71c51d8e78af))  ;; Lg4 = 2.222219843214978396e-01
    (v128.store offset=1680 (i32.const 0) (v128.const i64x2 0x3fc7466496cb03de 0x3fc7466496cb03de))  ;; Lg5 = 1.818357216161805012e-01
    (v128.store offset=1696 (i32.const 0) (v128.const i64x2 0x3fc39a09d078c69f 0x3fc39a09d078c69f))  ;; Lg6 = 1.531383769920937332e-01
    (v128.store offset=1712 (i32.const 0) (v128.const i64x2 0x3fc2f112df3e5244 0x3fc2f112df3e5244))  ;; Lg7 = 1.479819860511658591e-01
    (v128.store offset=1728 (i32.const 0) (v128.const i64x2 0x3fe62e42fee00000 0x3fe62e42fee00000))  ;; ln2_hi = 6.93147180369123816490e-01
    (v128.store offset=1744 (i32.const 0) (v128.const i64x2 0x3dea39ef35793c76 0x3dea39ef35793c76))  ;; ln2_lo = 1.90821492927058770002e-10
    (v128.store offset=1760 (i32.const 0) (v128.const f64x2 0x1p-1022 0x1p-1022))  ;; smallest normal
    (v128.store offset=1776 (i32.const 0) (v128.const f64x2 0x1p54 0x1p54))  ;; scales a subnormal into the normals
    (v128.store offset=1792 (i32.const 0) (v128.const f64x2 -54 -54))
    (v128.store offset=1808 (i32.const 0) (v128.const f64x2 -inf -inf))
    (v128.store offset=1824 (i32.const 0) (v128.const i64x2 0x7ff8000000000000 0x7ff8000000000000))  ;; NaN
    (v128.store offset=1840 (i32.const 0) (v128.const f64x2 inf inf))
    ;; sin and cos (see $sincosv below): fdlibm's constants
    (v128.store offset=1856 (i32.const 0) (v128.const i64x2 0x7fffffffffffffff 0x7fffffffffffffff))  ;; |·| mask
    (v128.store offset=1872 (i32.const 0) (v128.const f64x2 -1.66666666666666324348e-01 -1.66666666666666324348e-01))  ;; fdlibm __kernel_sin S1
    (v128.store offset=1888 (i32.const 0) (v128.const f64x2 8.33333333332248946124e-03 8.33333333332248946124e-03))  ;; S2
    (v128.store offset=1904 (i32.const 0) (v128.const f64x2 -1.98412698298579493134e-04 -1.98412698298579493134e-04))  ;; S3
    (v128.store offset=1920 (i32.const 0) (v128.const f64x2 2.75573137070700676789e-06 2.75573137070700676789e-06))  ;; S4
    (v128.store offset=1936 (i32.const 0) (v128.const f64x2 -2.50507602534068634195e-08 -2.50507602534068634195e-08))  ;; S5
    (v128.store offset=1952 (i32.const 0) (v128.const f64x2 1.58969099521155010221e-10 1.58969099521155010221e-10))  ;; S6
    (v128.store offset=1968 (i32.const 0) (v128.const f64x2 4.16666666666666019037e-02 4.16666666666666019037e-02))  ;; fdlibm __kernel_cos C1
    (v128.store offset=1984 (i32.const 0) (v128.const f64x2 -1.38888888888741095749e-03 -1.38888888888741095749e-03))  ;; C2
    (v128.store offset=2000 (i32.const 0) (v128.const f64x2 2.48015872894767294178e-05 2.48015872894767294178e-05))  ;; C3
    (v128.store offset=2016 (i32.const 0) (v128.const f64x2 -2.75573143513906633035e-07 -2.75573143513906633035e-07))  ;; C4
    (v128.store offset=2032 (i32.const 0) (v128.const f64x2 2.08757232129817482790e-09 2.08757232129817482790e-09))  ;; C5
    (v128.store offset=2048 (i32.const 0) (v128.const f64x2 -1.13596475577881948265e-11 -1.13596475577881948265e-11))  ;; C6
    (v128.store offset=2064 (i32.const 0) (v128.const f64x2 6.36619772367581382433e-01 6.36619772367581382433e-01))  ;; invpio2 = 2/π
    (v128.store offset=2080 (i32.const 0) (v128.const f64x2 1.57079632673412561417e+00 1.57079632673412561417e+00))  ;; pio2_1: the first 33 bits of π/2
    (v128.store offset=2096 (i32.const 0) (v128.const f64x2 6.07710050650619224932e-11 6.07710050650619224932e-11))  ;; pio2_1t = π/2 − pio2_1
    (v128.store offset=2112 (i32.const 0) (v128.const f64x2 6.07710050630396597660e-11 6.07710050630396597660e-11))  ;; pio2_2: the next 33 bits
    (v128.store offset=2128 (i32.const 0) (v128.const f64x2 2.02226624879595063154e-21 2.02226624879595063154e-21))  ;; pio2_2t = π/2 − (pio2_1 + pio2_2)
    (v128.store offset=2144 (i32.const 0) (v128.const f64x2 2.02226624871116645580e-21 2.02226624871116645580e-21))  ;; pio2_3: the third 33 bits
    (v128.store offset=2160 (i32.const 0) (v128.const f64x2 8.47842766036889956997e-32 8.47842766036889956997e-32))  ;; pio2_3t = π/2 − (pio2_1 + pio2_2 + pio2_3)
    (v128.store offset=2176 (i32.const 0) (v128.const i64x2 0x413921fc00000000 0x413921fc00000000))  ;; |x| from here (high word above 0x413921fb, ~2^20·π/2): left to Math.sin/Math.cos
    (v128.store offset=2192 (i32.const 0) (v128.const i64x2 0x3fe921fc00000000 0x3fe921fc00000000))  ;; below: no reduction (high word up to 0x3fe921fb, ~π/4)
    (v128.store offset=2208 (i32.const 0) (v128.const i64x2 0x3e40000000000000 0x3e40000000000000))  ;; below: tiny, 2^−27
    (v128.store offset=2224 (i32.const 0) (v128.const i64x2 0x3fd3333300000000 0x3fd3333300000000))  ;; below: qx = 0 (0.3)
    (v128.store offset=2240 (i32.const 0) (v128.const i64x2 0x3fe9000100000000 0x3fe9000100000000))  ;; from here: qx = 0.28125 (high word above 0x3fe90000, 0.78125)
    (v128.store offset=2256 (i32.const 0) (v128.const f64x2 0.28125 0.28125))
    (v128.store offset=2272 (i32.const 0) (v128.const i64x2 0x0020000000000000 0x0020000000000000))  ;; 0x00200000 << 32: qx = |y0|/4 in the high word
    (v128.store offset=2288 (i32.const 0) (v128.const i64x2 0xffffffff00000000 0xffffffff00000000))  ;; high word
    (v128.store offset=2304 (i32.const 0) (v128.const i64x2 0x3ff921fb00000000 0x3ff921fb00000000))  ;; π/2's high word
    (v128.store offset=2320 (i32.const 0) (v128.const i64x2 16 16))
    (v128.store offset=2336 (i32.const 0) (v128.const i64x2 49 49))
    (v128.store offset=2352 (i32.const 0) (v128.const i64x2 0x7ff 0x7ff))  ;; exponent field
    (v128.store offset=2368 (i32.const 0) (v128.const i64x2 1 1))
    (v128.store offset=2384 (i32.const 0) (v128.const i64x2 2 2))
    (v128.store offset=2400 (i32.const 0) (v128.const i64x2 3 3))
    ;; npio2_hw: the high words of n·π/2, n = 1..32, as i32
    (v128.store offset=2416 (i32.const 0) (v128.const i32x4 0x3ff921fb 0x400921fb 0x4012d97c 0x401921fb))  ;; n = 1..4
    (v128.store offset=2432 (i32.const 0) (v128.const i32x4 0x401f6a7a 0x4022d97c 0x4025fdbb 0x402921fb))  ;; n = 5..8
    (v128.store offset=2448 (i32.const 0) (v128.const i32x4 0x402c463a 0x402f6a7a 0x4031475c 0x4032d97c))  ;; n = 9..12
    (v128.store offset=2464 (i32.const 0) (v128.const i32x4 0x40346b9c 0x4035fdbb 0x40378fdb 0x403921fb))  ;; n = 13..16
    (v128.store offset=2480 (i32.const 0) (v128.const i32x4 0x403ab41b 0x403c463a 0x403dd85a 0x403f6a7a))  ;; n = 17..20
    (v128.store offset=2496 (i32.const 0) (v128.const i32x4 0x40407e4c 0x4041475c 0x4042106c 0x4042d97c))  ;; n = 21..24
    (v128.store offset=2512 (i32.const 0) (v128.const i32x4 0x4043a28c 0x40446b9c 0x404534ac 0x4045fdbb))  ;; n = 25..28
    (v128.store offset=2528 (i32.const 0) (v128.const i32x4 0x4046c6cb 0x40478fdb 0x404858eb 0x404921fb))  ;; n = 29..32
  )
  (start $init)

  ;; Two vectors (4 entries) per iteration, their statements interleaved: each alone is one long
  ;; dependency chain (reduction → table → polynomial → division), and with two the out-of-order
  ;; core overlaps them (measured: 4.0 against 4.65 ns per entry; three or four vectors spill
  ;; more registers and are slower again).
  (func (export "tanh") (param $p i32) (param $n i32)
    (local $end i32)
    (local $x0 v128) (local $a0 v128) (local $small0 v128) (local $z0 v128) (local $num0 v128) (local $den0 v128) (local $s0 v128) (local $t0 v128) (local $k0 v128) (local $r0 v128) (local $r20 v128) (local $sc0 v128) (local $e0 v128)
    (local $x1 v128) (local $a1 v128) (local $small1 v128) (local $z1 v128) (local $num1 v128) (local $den1 v128) (local $s1 v128) (local $t1 v128) (local $k1 v128) (local $r1 v128) (local $r21 v128) (local $sc1 v128) (local $e1 v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x0 (v128.load (local.get $p)))
        (local.set $x1 (v128.load offset=16 (local.get $p)))
        (local.set $a0 (f64x2.abs (local.get $x0)))
        (local.set $a1 (f64x2.abs (local.get $x1)))
        (local.set $small0 (f64x2.lt (local.get $a0) (v128.load offset=32 (i32.const 0)) (;lim;)))
        (local.set $small1 (f64x2.lt (local.get $a1) (v128.load offset=32 (i32.const 0)) (;lim;)))

        ;; rational branch: num = a·z·P(z), den = Q(z)
        (local.set $z0 (f64x2.mul (local.get $a0) (local.get $a0)))
        (local.set $z1 (f64x2.mul (local.get $a1) (local.get $a1)))
        (local.set $num0
          (f64x2.mul (local.get $a0)
            (f64x2.mul (local.get $z0)
              (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (v128.load offset=80 (i32.const 0)) (;P0;) (local.get $z0)) (v128.load offset=96 (i32.const 0)) (;P1;))
                                    (local.get $z0))
                         (v128.load offset=112 (i32.const 0)) (;P2;)))))
        (local.set $num1
          (f64x2.mul (local.get $a1)
            (f64x2.mul (local.get $z1)
              (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (v128.load offset=80 (i32.const 0)) (;P0;) (local.get $z1)) (v128.load offset=96 (i32.const 0)) (;P1;))
                                    (local.get $z1))
                         (v128.load offset=112 (i32.const 0)) (;P2;)))))
        (local.set $den0
          (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (local.get $z0) (v128.load offset=128 (i32.const 0)) (;Q0;)) (local.get $z0))
                                           (v128.load offset=144 (i32.const 0)) (;Q1;))
                                (local.get $z0))
                     (v128.load offset=160 (i32.const 0)) (;Q2;)))
        (local.set $den1
          (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (local.get $z1) (v128.load offset=128 (i32.const 0)) (;Q0;)) (local.get $z1))
                                           (v128.load offset=144 (i32.const 0)) (;Q1;))
                                (local.get $z1))
                     (v128.load offset=160 (i32.const 0)) (;Q2;)))

        ;; exp branch: s = 2·min(a, 22); t = s·64/ln2 + 1.5·2^52; k = t − 1.5·2^52 = m
        (local.set $s0 (f64x2.pmin (local.get $a0) (v128.load offset=48 (i32.const 0)) (;sat;)))
        (local.set $s1 (f64x2.pmin (local.get $a1) (v128.load offset=48 (i32.const 0)) (;sat;)))
        (local.set $s0 (f64x2.add (local.get $s0) (local.get $s0)))
        (local.set $s1 (f64x2.add (local.get $s1) (local.get $s1)))
        (local.set $t0 (f64x2.add (f64x2.mul (local.get $s0) (v128.load offset=176 (i32.const 0)) (;64/ln2;)) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $t1 (f64x2.add (f64x2.mul (local.get $s1) (v128.load offset=176 (i32.const 0)) (;64/ln2;)) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $k0 (f64x2.sub (local.get $t0) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $k1 (f64x2.sub (local.get $t1) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $r0 (f64x2.sub (f64x2.sub (local.get $s0) (f64x2.mul (local.get $k0) (v128.load offset=208 (i32.const 0)) (;L1;)))
                                 (f64x2.mul (local.get $k0) (v128.load offset=224 (i32.const 0)) (;L2;))))
        (local.set $r1 (f64x2.sub (f64x2.sub (local.get $s1) (f64x2.mul (local.get $k1) (v128.load offset=208 (i32.const 0)) (;L1;)))
                                 (f64x2.mul (local.get $k1) (v128.load offset=224 (i32.const 0)) (;L2;))))

        ;; sc = 2^n · T_j: the table entry of each lane's j = m mod 64, plus bits(t) << 46
        (local.set $sc0
          (v128.load64_lane offset=512 1
            (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $t0))) (i32.const 63)) (i32.const 3))
            (v128.load64_zero offset=512
              (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $t0))) (i32.const 63)) (i32.const 3)))))
        (local.set $sc1
          (v128.load64_lane offset=512 1
            (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $t1))) (i32.const 63)) (i32.const 3))
            (v128.load64_zero offset=512
              (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $t1))) (i32.const 63)) (i32.const 3)))))
        (local.set $sc0 (i64x2.add (i64x2.shl (local.get $t0) (i32.const 46)) (local.get $sc0)))
        (local.set $sc1 (i64x2.add (i64x2.shl (local.get $t1) (i32.const 46)) (local.get $sc1)))

        ;; p = r + r²·((c2 + c3·r) + r²·(c4 + c5·r)); e = sc·(1 + p) = sc + sc·p
        (local.set $r20 (f64x2.mul (local.get $r0) (local.get $r0)))
        (local.set $r21 (f64x2.mul (local.get $r1) (local.get $r1)))
        (local.set $e0
          (f64x2.add (local.get $r0)
            (f64x2.mul (local.get $r20)
              (f64x2.add (f64x2.add (v128.load offset=240 (i32.const 0)) (;c2;) (f64x2.mul (v128.load offset=256 (i32.const 0)) (;c3;) (local.get $r0)))
                         (f64x2.mul (local.get $r20)
                                    (f64x2.add (v128.load offset=272 (i32.const 0)) (;c4;) (f64x2.mul (v128.load offset=288 (i32.const 0)) (;c5;) (local.get $r0))))))))
        (local.set $e1
          (f64x2.add (local.get $r1)
            (f64x2.mul (local.get $r21)
              (f64x2.add (f64x2.add (v128.load offset=240 (i32.const 0)) (;c2;) (f64x2.mul (v128.load offset=256 (i32.const 0)) (;c3;) (local.get $r1)))
                         (f64x2.mul (local.get $r21)
                                    (f64x2.add (v128.load offset=272 (i32.const 0)) (;c4;) (f64x2.mul (v128.load offset=288 (i32.const 0)) (;c5;) (local.get $r1))))))))
        (local.set $e0 (f64x2.add (local.get $sc0) (f64x2.mul (local.get $sc0) (local.get $e0))))
        (local.set $e1 (f64x2.add (local.get $sc1) (f64x2.mul (local.get $sc1) (local.get $e1))))

        ;; choose per lane, one division, put the sign of x back
        (local.set $num0 (v128.bitselect (local.get $num0) (v128.load offset=64 (i32.const 0)) (;m2;) (local.get $small0)))
        (local.set $num1 (v128.bitselect (local.get $num1) (v128.load offset=64 (i32.const 0)) (;m2;) (local.get $small1)))
        (local.set $den0 (v128.bitselect (local.get $den0)
                                        (f64x2.add (local.get $e0) (v128.load offset=16 (i32.const 0)) (;one;))
                                        (local.get $small0)))
        (local.set $den1 (v128.bitselect (local.get $den1)
                                        (f64x2.add (local.get $e1) (v128.load offset=16 (i32.const 0)) (;one;))
                                        (local.get $small1)))
        (v128.store (local.get $p)
          (v128.or
            (f64x2.add (v128.bitselect (local.get $a0) (v128.load offset=16 (i32.const 0)) (;one;) (local.get $small0))
                       (f64x2.div (local.get $num0) (local.get $den0)))
            (v128.and (local.get $x0) (v128.load offset=0 (i32.const 0)) (;sign;))))
        (v128.store offset=16 (local.get $p)
          (v128.or
            (f64x2.add (v128.bitselect (local.get $a1) (v128.load offset=16 (i32.const 0)) (;one;) (local.get $small1))
                       (f64x2.div (local.get $num1) (local.get $den1)))
            (v128.and (local.get $x1) (v128.load offset=0 (i32.const 0)) (;sign;))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $next))))
  ;; e^x per lane over the whole range, for "exp" and "sigmoid". The same reduction and table as
  ;; tanh's e^{2a} above, with three changes:
  ;;   - one more Taylor term (1/6!: truncation error < |r|⁷/5040 < 3e-20 relative);
  ;;   - the table's rounding error δ_j, with 2^{j/64} = T_j·(1 + δ_j): e^x = sc·(1 + p)(1 + δ_j)
  ;;     ≈ sc + sc·(p + δ_j) (the dropped δ_j·p is below 1e-18 relative); max error 0.75 ulp
  ;;     (Math.exp: 0.83) over 200 000 points, subnormal results included;
  ;;   - the whole range: x is clamped to [−746, 710] (NaN stays NaN), and sc = 2^{n−a}·T_j with
  ;;     a = 1 above 709, a = −1000 below −708, 0 between, so its exponent never leaves the normal
  ;;     range; the result is (sc + sc·q)·2^a (an exact product by 1 or 2 unless it overflows to ∞,
  ;;     one rounding into the subnormals for 2^{−1000}, as fdlibm does).
  ;; elementwise-js.ts computes the same operations in the same order. The build script inlines
  ;; this function into each caller (V8 on Node 20 does not inline Wasm calls; the call cost 1.3×).
  (func $expv (param $ex v128) (result v128)
    (local $c v128) (local $t v128) (local $k v128) (local $r v128) (local $r2 v128) (local $q v128)
    (local $sc v128) (local $hi v128) (local $lo v128) (local $i0 i32) (local $i1 i32)
    (local.set $c (f64x2.pmin (f64x2.pmax (local.get $ex) (v128.load offset=320 (i32.const 0)) (;−746;))
                              (v128.load offset=336 (i32.const 0)) (;710;)))
    (local.set $t (f64x2.add (f64x2.mul (local.get $c) (v128.load offset=176 (i32.const 0)) (;64/ln2;)) (v128.load offset=192 (i32.const 0)) (;shift;)))
    (local.set $k (f64x2.sub (local.get $t) (v128.load offset=192 (i32.const 0)) (;shift;)))
    (local.set $r (f64x2.sub (f64x2.sub (local.get $c) (f64x2.mul (local.get $k) (v128.load offset=208 (i32.const 0)) (;L1;)))
                             (f64x2.mul (local.get $k) (v128.load offset=224 (i32.const 0)) (;L2;))))
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    ;; q = p + δ_j, p = r + r²·((c2 + c3·r) + r²·((c4 + c5·r) + r²·c6))
    (local.set $i0 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $t))) (i32.const 63)) (i32.const 3)))
    (local.set $i1 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $t))) (i32.const 63)) (i32.const 3)))
    (local.set $q
      (f64x2.add
        (f64x2.add (local.get $r)
          (f64x2.mul (local.get $r2)
            (f64x2.add (f64x2.add (v128.load offset=240 (i32.const 0)) (;c2;) (f64x2.mul (v128.load offset=256 (i32.const 0)) (;c3;) (local.get $r)))
                       (f64x2.mul (local.get $r2)
                                  (f64x2.add (f64x2.add (v128.load offset=272 (i32.const 0)) (;c4;) (f64x2.mul (v128.load offset=288 (i32.const 0)) (;c5;) (local.get $r)))
                                             (f64x2.mul (local.get $r2) (v128.load offset=304 (i32.const 0)) (;c6;)))))))
        (v128.load64_lane offset=1024 1 (local.get $i1) (v128.load64_zero offset=1024 (local.get $i0)))))
    ;; sc = 2^{n−a}·T_j: bits(t) << 46 + table entry − a << 52
    (local.set $hi (f64x2.gt (local.get $c) (v128.load offset=352 (i32.const 0)) (;709;)))
    (local.set $lo (f64x2.lt (local.get $c) (v128.load offset=368 (i32.const 0)) (;−708;)))
    (local.set $sc
      (i64x2.sub
        (i64x2.add (i64x2.shl (local.get $t) (i32.const 46))
                   (v128.load64_lane offset=512 1 (local.get $i1) (v128.load64_zero offset=512 (local.get $i0))))
        (v128.or (v128.and (local.get $hi) (v128.load offset=384 (i32.const 0)) (;1 << 52;))
                 (v128.and (local.get $lo) (v128.load offset=400 (i32.const 0)) (;−1000 << 52;)))))
    (f64x2.mul (f64x2.add (local.get $sc) (f64x2.mul (local.get $sc) (local.get $q)))
               (v128.bitselect (v128.load offset=416 (i32.const 0)) (;2;)
                               (v128.bitselect (v128.load offset=432 (i32.const 0)) (;2^{−1000};) (v128.load offset=16 (i32.const 0)) (;1;) (local.get $lo))
                               (local.get $hi))))

  ;; exp(p, n): replace the n doubles at p by e^x, two at a time (the caller leaves 8 bytes of slack
  ;; after an odd count).
  (func (export "exp") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (call $expv (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; sigmoid(p, n): σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and e^x/(1 + e^x) below, both as e/(1 + e) or
  ;; 1/(1 + e) with e = e^{−|x|} ≤ 1, so nothing overflows (NaN: 1/(1 + NaN) = NaN).
  (func (export "sigmoid") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128) (local $e v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $e (call $expv (v128.or (local.get $x) (v128.load offset=0 (i32.const 0)) (;sign;))))
        (v128.store (local.get $p)
          (f64x2.div (v128.bitselect (local.get $e) (v128.load offset=16 (i32.const 0)) (;1;)
                                     (f64x2.lt (local.get $x) (v128.const f64x2 0 0)))
                     (f64x2.add (v128.load offset=16 (i32.const 0)) (;1;) (local.get $e))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; The logarithms: fdlibm's e_log.c algorithm in its branch-free form (as musl's log.c has it),
  ;; evaluated per lane. $logkf(w, dk0, c) = log(w) + dk0·ln2 + c for a positive normal w:
  ;;   w = 2^k·m with m ∈ [√2/2, √2): adding (0x3ff00000 − 0x3fe6a09e) << 32 to w's bits carries
  ;;   into the exponent exactly when w's mantissa is at least √2's, so k = (those bits >> 52) −
  ;;   1023 and m = (their mantissa bits) + the exponent and top mantissa bits of √2/2;
  ;;   f = m − 1, s = f/(2 + f), log(1 + f) = 2·atanh(s) = f − hfsq + s·(hfsq + R(s²)),
  ;;   hfsq = f²/2, R(z) = Lg1·z + … + Lg7·z⁷ (a Remez fit, |error| < 2^−58.45 on the interval);
  ;;   log w = s·(hfsq + R) + (dk·ln2_lo + c) − hfsq + f + dk·ln2_hi, dk = k + dk0, with ln2 =
  ;;   ln2_hi + ln2_lo (ln2_hi's low 32 bits zero, so dk·ln2_hi is exact for |dk| < 2^21).
  ;; k goes to a double through 2^52's bits: (bits(2^52) | k + 1023) − (2^52 + 1023) is exact.
  ;; Error below 1 ulp. elementwise-js.ts computes the same operations in the same order.
  (func $logkf (param $w v128) (param $dk0 v128) (param $c v128) (result v128)
    (local $ix v128) (local $dk v128) (local $f v128) (local $hfsq v128) (local $s v128) (local $z v128)
    (local $zz v128)
    (local.set $ix (i64x2.add (local.get $w) (v128.load offset=1536 (i32.const 0)) (;(0x3ff00000 − 0x3fe6a09e) << 32;)))
    (local.set $dk (f64x2.add (f64x2.sub (v128.or (i64x2.shr_u (local.get $ix) (i32.const 52)) (v128.load offset=1584 (i32.const 0)) (;bits of 2^52;))
                                         (v128.load offset=1600 (i32.const 0)) (;2^52 + 1023;))
                              (local.get $dk0)))
    (local.set $f (f64x2.sub (i64x2.add (v128.and (local.get $ix) (v128.load offset=1552 (i32.const 0)) (;mantissa;))
                                        (v128.load offset=1568 (i32.const 0)) (;√2/2's high word;))
                             (v128.load offset=16 (i32.const 0)) (;1;)))
    (local.set $hfsq (f64x2.mul (f64x2.mul (v128.load offset=240 (i32.const 0)) (;1/2;) (local.get $f)) (local.get $f)))
    (local.set $s (f64x2.div (local.get $f) (f64x2.add (v128.load offset=416 (i32.const 0)) (;2;) (local.get $f))))
    (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
    (local.set $zz (f64x2.mul (local.get $z) (local.get $z)))
    ;; s·(hfsq + R) + (dk·ln2_lo + c) − hfsq + f + dk·ln2_hi, left to right, where
    ;; R = z·(Lg1 + z²·(Lg3 + z²·(Lg5 + z²·Lg7))) + z²·(Lg2 + z²·(Lg4 + z²·Lg6))
    (f64x2.add
      (f64x2.add
        (f64x2.sub
          (f64x2.add
            (f64x2.mul (local.get $s)
              (f64x2.add (local.get $hfsq)
                (f64x2.add
                  (f64x2.mul (local.get $z)
                    (f64x2.add (v128.load offset=1616 (i32.const 0)) (;Lg1;)
                      (f64x2.mul (local.get $zz)
                        (f64x2.add (v128.load offset=1648 (i32.const 0)) (;Lg3;)
                          (f64x2.mul (local.get $zz)
                            (f64x2.add (v128.load offset=1680 (i32.const 0)) (;Lg5;)
                              (f64x2.mul (local.get $zz) (v128.load offset=1712 (i32.const 0)) (;Lg7;))))))))
                  (f64x2.mul (local.get $zz)
                    (f64x2.add (v128.load offset=1632 (i32.const 0)) (;Lg2;)
                      (f64x2.mul (local.get $zz)
                        (f64x2.add (v128.load offset=1664 (i32.const 0)) (;Lg4;)
                          (f64x2.mul (local.get $zz) (v128.load offset=1696 (i32.const 0)) (;Lg6;)))))))))
            (f64x2.add (f64x2.mul (local.get $dk) (v128.load offset=1744 (i32.const 0)) (;ln2_lo;)) (local.get $c)))
          (local.get $hfsq))
        (local.get $f))
      (f64x2.mul (local.get $dk) (v128.load offset=1728 (i32.const 0)) (;ln2_hi;))))

  ;; log x per lane over the whole range: a subnormal x is scaled by 2^54 first (dk0 = −54);
  ;; ±0 → −∞, x < 0 → NaN, +∞ and NaN as they are.
  (func $logv (param $x v128) (result v128)
    (local $sub v128)
    (local.set $sub (f64x2.lt (local.get $x) (v128.load offset=1760 (i32.const 0)) (;smallest normal;)))
    (v128.bitselect
      (call $logkf (v128.bitselect (f64x2.mul (local.get $x) (v128.load offset=1776 (i32.const 0)) (;2^54;)) (local.get $x) (local.get $sub))
                   (v128.and (local.get $sub) (v128.load offset=1792 (i32.const 0)) (;−54;))
                   (v128.const f64x2 0 0))
      (v128.bitselect (v128.load offset=1808 (i32.const 0)) (;−∞;)
                      (v128.bitselect (v128.load offset=1824 (i32.const 0)) (;NaN;) (local.get $x) (f64x2.lt (local.get $x) (v128.const f64x2 0 0)))
                      (f64x2.eq (local.get $x) (v128.const f64x2 0 0)))
      (v128.and (f64x2.gt (local.get $x) (v128.const f64x2 0 0)) (f64x2.lt (local.get $x) (v128.load offset=1840 (i32.const 0)) (;∞;)))))

  ;; log(1 + u) per lane for u ∈ [0, 1] (softplus' and log σ's u = e^{−|x|}; NaN stays NaN):
  ;; w = 1 + u rounded, and c = (u − (w − 1))/w corrects for that rounding (u − (w − 1) is exact),
  ;; so log1p u = log w + c to first order (fdlibm's s_log1p.c does the same); for u < 2^−53,
  ;; w = 1 and the result is c = u.
  (func $log1pv (param $u v128) (result v128)
    (local $w v128)
    (local.set $w (f64x2.add (v128.load offset=16 (i32.const 0)) (;1;) (local.get $u)))
    (call $logkf (local.get $w) (v128.const f64x2 0 0)
                 (f64x2.div (f64x2.sub (local.get $u) (f64x2.sub (local.get $w) (v128.load offset=16 (i32.const 0)) (;1;))) (local.get $w))))

  ;; log(p, n): replace the n doubles at p by log x, four at a time (two vectors; when n is not a
  ;; multiple of 4 the up to 3 lanes after the last one are computed too, so the caller leaves 24
  ;; bytes of slack, as for tanh). Four ordinary values (normal, positive, finite), the usual case,
  ;; go through $logkf's operations written out for both vectors, their statements interleaved as in
  ;; tanh (each alone is one long chain of dependent operations; 1.15× faster than one vector at a
  ;; time). There dk0 and c are 0, and their additions are left out: dk is never −0, so dk + 0 = dk
  ;; and dk·ln2_lo + 0 = dk·ln2_lo, the same bits (test/kernels-log.test.ts holds both paths to the
  ;; JS twin's bits). Otherwise each vector goes through $logv, whose scaling and selects only a
  ;; subnormal, zero, negative, infinite or NaN lane needs.
  (func (export "log") (param $p i32) (param $n i32)
    (local $end i32) (local $x0 v128) (local $x1 v128)
    (local $ix0 v128) (local $ix1 v128) (local $dk0 v128) (local $dk1 v128) (local $f0 v128) (local $f1 v128)
    (local $h0 v128) (local $h1 v128) (local $s0 v128) (local $s1 v128) (local $z0 v128) (local $z1 v128)
    (local $zz0 v128) (local $zz1 v128) (local $r0 v128) (local $r1 v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x0 (v128.load (local.get $p)))
        (local.set $x1 (v128.load offset=16 (local.get $p)))
        (if (i64x2.all_true (v128.and (v128.and (f64x2.ge (local.get $x0) (v128.load offset=1760 (i32.const 0)) (;smallest normal;))
                                      (f64x2.lt (local.get $x0) (v128.load offset=1840 (i32.const 0)) (;∞;)))
                                      (v128.and (f64x2.ge (local.get $x1) (v128.load offset=1760 (i32.const 0)) (;smallest normal;))
                                      (f64x2.lt (local.get $x1) (v128.load offset=1840 (i32.const 0)) (;∞;)))))
          (then
            (local.set $ix0 (i64x2.add (local.get $x0) (v128.load offset=1536 (i32.const 0)) (;(0x3ff00000 − 0x3fe6a09e) << 32;)))
            (local.set $ix1 (i64x2.add (local.get $x1) (v128.load offset=1536 (i32.const 0)) (;(0x3ff00000 − 0x3fe6a09e) << 32;)))
            (local.set $dk0 (f64x2.sub (v128.or (i64x2.shr_u (local.get $ix0) (i32.const 52)) (v128.load offset=1584 (i32.const 0)) (;bits of 2^52;)) (v128.load offset=1600 (i32.const 0)) (;2^52 + 1023;)))
            (local.set $dk1 (f64x2.sub (v128.or (i64x2.shr_u (local.get $ix1) (i32.const 52)) (v128.load offset=1584 (i32.const 0)) (;bits of 2^52;)) (v128.load offset=1600 (i32.const 0)) (;2^52 + 1023;)))
            (local.set $f0 (f64x2.sub (i64x2.add (v128.and (local.get $ix0) (v128.load offset=1552 (i32.const 0)) (;mantissa;)) (v128.load offset=1568 (i32.const 0)) (;√2/2;)) (v128.load offset=16 (i32.const 0)) (;1;)))
            (local.set $f1 (f64x2.sub (i64x2.add (v128.and (local.get $ix1) (v128.load offset=1552 (i32.const 0)) (;mantissa;)) (v128.load offset=1568 (i32.const 0)) (;√2/2;)) (v128.load offset=16 (i32.const 0)) (;1;)))
            (local.set $h0 (f64x2.mul (f64x2.mul (v128.load offset=240 (i32.const 0)) (;1/2;) (local.get $f0)) (local.get $f0)))
            (local.set $h1 (f64x2.mul (f64x2.mul (v128.load offset=240 (i32.const 0)) (;1/2;) (local.get $f1)) (local.get $f1)))
            (local.set $s0 (f64x2.div (local.get $f0) (f64x2.add (v128.load offset=416 (i32.const 0)) (;2;) (local.get $f0))))
            (local.set $s1 (f64x2.div (local.get $f1) (f64x2.add (v128.load offset=416 (i32.const 0)) (;2;) (local.get $f1))))
            (local.set $z0 (f64x2.mul (local.get $s0) (local.get $s0)))
            (local.set $z1 (f64x2.mul (local.get $s1) (local.get $s1)))
            (local.set $zz0 (f64x2.mul (local.get $z0) (local.get $z0)))
            (local.set $zz1 (f64x2.mul (local.get $z1) (local.get $z1)))
            (local.set $r0
              (f64x2.add
                (f64x2.mul (local.get $z0)
                  (f64x2.add (v128.load offset=1616 (i32.const 0)) (;Lg1;) (f64x2.mul (local.get $zz0)
                    (f64x2.add (v128.load offset=1648 (i32.const 0)) (;Lg3;) (f64x2.mul (local.get $zz0)
                      (f64x2.add (v128.load offset=1680 (i32.const 0)) (;Lg5;) (f64x2.mul (local.get $zz0) (v128.load offset=1712 (i32.const 0)) (;Lg7;))))))))
                (f64x2.mul (local.get $zz0)
                  (f64x2.add (v128.load offset=1632 (i32.const 0)) (;Lg2;) (f64x2.mul (local.get $zz0)
                    (f64x2.add (v128.load offset=1664 (i32.const 0)) (;Lg4;) (f64x2.mul (local.get $zz0) (v128.load offset=1696 (i32.const 0)) (;Lg6;))))))))
            (local.set $r1
              (f64x2.add
                (f64x2.mul (local.get $z1)
                  (f64x2.add (v128.load offset=1616 (i32.const 0)) (;Lg1;) (f64x2.mul (local.get $zz1)
                    (f64x2.add (v128.load offset=1648 (i32.const 0)) (;Lg3;) (f64x2.mul (local.get $zz1)
                      (f64x2.add (v128.load offset=1680 (i32.const 0)) (;Lg5;) (f64x2.mul (local.get $zz1) (v128.load offset=1712 (i32.const 0)) (;Lg7;))))))))
                (f64x2.mul (local.get $zz1)
                  (f64x2.add (v128.load offset=1632 (i32.const 0)) (;Lg2;) (f64x2.mul (local.get $zz1)
                    (f64x2.add (v128.load offset=1664 (i32.const 0)) (;Lg4;) (f64x2.mul (local.get $zz1) (v128.load offset=1696 (i32.const 0)) (;Lg6;))))))))
            (v128.store offset=0 (local.get $p)
              (f64x2.add
                (f64x2.add
                  (f64x2.sub
                    (f64x2.add (f64x2.mul (local.get $s0) (f64x2.add (local.get $h0) (local.get $r0)))
                               (f64x2.mul (local.get $dk0) (v128.load offset=1744 (i32.const 0)) (;ln2_lo;)))
                    (local.get $h0))
                  (local.get $f0))
                (f64x2.mul (local.get $dk0) (v128.load offset=1728 (i32.const 0)) (;ln2_hi;))))
            (v128.store offset=16 (local.get $p)
              (f64x2.add
                (f64x2.add
                  (f64x2.sub
                    (f64x2.add (f64x2.mul (local.get $s1) (f64x2.add (local.get $h1) (local.get $r1)))
                               (f64x2.mul (local.get $dk1) (v128.load offset=1744 (i32.const 0)) (;ln2_lo;)))
                    (local.get $h1))
                  (local.get $f1))
                (f64x2.mul (local.get $dk1) (v128.load offset=1728 (i32.const 0)) (;ln2_hi;)))))
          (else
            (v128.store (local.get $p) (call $logv (local.get $x0)))
            (v128.store offset=16 (local.get $p) (call $logv (local.get $x1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $next))))

  ;; softplus(p, n): log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}), nothing overflows; max(x, 0) as
  ;; pmax(0, x) (NaN gives 0 there, and NaN through the log1p).
  (func (export "softplus") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f64x2.add (f64x2.pmax (v128.const f64x2 0 0) (local.get $x))
                     (call $log1pv (call $expv (v128.or (local.get $x) (v128.load offset=0 (i32.const 0)) (;sign;))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; logSigmoid(p, n): log σ(x) = −softplus(−x) = −(max(−x, 0) + log1p(e^{−|x|})).
  (func (export "logSigmoid") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f64x2.neg
            (f64x2.add (f64x2.pmax (v128.const f64x2 0 0) (f64x2.neg (local.get $x)))
                       (call $log1pv (call $expv (v128.or (local.get $x) (v128.load offset=0 (i32.const 0)) (;sign;)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; sin and cos of two lanes as V8's Math.sin and Math.cos compute them, bit for bit: fdlibm 5.3's
  ;; __kernel_sin and __kernel_cos after the reduction of __ieee754_rem_pio2 for |x| < 2^20·π/2
  ;; (the caller recomputes lanes at or above that, ±∞ and NaN with Math.sin/Math.cos). Every
  ;; branch of the C code is computed and chosen per lane. In t = |x| (sin is odd, cos even, and
  ;; each step below is exact under negation, so sin x = sign(x)·sin t):
  ;;   n = (int)(t·2/π + 1/2), r = t − n·pio2_1, w = n·pio2_1t, y0 = r − w; unless n < 32 and the
  ;;   high word of t differs from that of n·π/2 (fdlibm's table npio2_hw), a second step with
  ;;   pio2_2 where y0 lost more than 16 bits to cancellation and a third with pio2_3 past 49;
  ;;   y1 = (r − y0) − w (below 3π/4 fdlibm's special case gives the same, n = 1, but for π/2's
  ;;   high word: y0 = z − pio2_2t, y1 = (z − y0) − pio2_2t with z = t − pio2_1 − pio2_2; on 3
  ;;   million sampled inputs that matched the general steps' bits too, but V8 takes it, so do we);
  ;;   t ≤ π/4 (high word up to 0x3fe921fb): n = 0, y0 = t, y1 = 0, and __kernel_sin's form
  ;;   without y;
  ;; then by n mod 4 sin is ±__kernel_sin(y0, y1) or ±__kernel_cos(y0, y1) (and cos likewise),
  ;; both returning y0 (sin) or 1 (cos) below 2^−27; __kernel_cos's qx is 0 below 0.3, 0.28125
  ;; above 0.78125, else |y0|/4 cut to its high word (with qx = 0 its general form is the one
  ;; fdlibm uses below 0.3, the same operations). $cos: 0 for sin, 1 for cos.
  (func $sincosv (param $x v128) (param $cos i32) (result v128)
    (local $t v128) (local $fn v128) (local $nb v128) (local $r v128) (local $w v128) (local $y0 v128) (local $y1 v128)
    (local $j v128) (local $step2 v128) (local $step3 v128) (local $r2 v128) (local $w2 v128) (local $y02 v128)
    (local $r3 v128) (local $w3 v128) (local $y03 v128) (local $mask v128) (local $zb v128) (local $yb v128)
    (local $small v128) (local $q v128) (local $z v128) (local $v v128) (local $rp v128) (local $ay v128) (local $tiny v128)
    (local $ks v128) (local $kc v128) (local $qx v128) (local $odd v128) (local $n0 i32) (local $n1 i32)
    (local.set $t (v128.and (local.get $x) (v128.load offset=1856 (i32.const 0)) (;|·| mask;)))
    (local.set $fn (f64x2.trunc (f64x2.add (f64x2.mul (local.get $t) (v128.load offset=2064 (i32.const 0)) (;2/π;)) (v128.load offset=240 (i32.const 0)) (;1/2;))))
    (local.set $nb (f64x2.add (local.get $fn) (v128.load offset=192 (i32.const 0)) (;shift;)))  ;; n in the low bits
    (local.set $r (f64x2.sub (local.get $t) (f64x2.mul (local.get $fn) (v128.load offset=2080 (i32.const 0)) (;pio2_1;))))
    (local.set $w (f64x2.mul (local.get $fn) (v128.load offset=2096 (i32.const 0)) (;pio2_1t;)))
    (local.set $y0 (f64x2.sub (local.get $r) (local.get $w)))
    ;; most pairs need nothing more: where y0 lost at most 16 bits, the further steps and fdlibm's
    ;; quick check change nothing (π/2's high word, the reduction's special case below, always
    ;; loses more)
    (local.set $j (i64x2.shr_u (local.get $t) (i32.const 52)))
    (local.set $small (i64x2.lt_s (local.get $t) (v128.load offset=2192 (i32.const 0)) (;π/4;)))
    (if (v128.any_true (i64x2.gt_s (i64x2.sub (local.get $j) (v128.and (i64x2.shr_u (local.get $y0) (i32.const 52)) (v128.load offset=2352 (i32.const 0)) (;0x7ff;))) (v128.load offset=2320 (i32.const 0)) (;16;)))
      (then
        ;; the further steps' lanes: not (n − 1 < 31 and high word ≠ npio2_hw[n − 1])
        (local.set $n0 (i32.sub (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $nb))) (i32.const 1)))
        (local.set $n1 (i32.sub (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $nb))) (i32.const 1)))
        (local.set $mask
          (i64x2.replace_lane 1
            (i64x2.splat (i64.sub (i64.const 0) (i64.extend_i32_u (i32.eqz (i32.and (i32.lt_u (local.get $n0) (i32.const 31))
              (i32.ne (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 0 (local.get $t)) (i64.const 32)))
                      (i32.load offset=2416 (i32.shl (i32.and (local.get $n0) (i32.const 31)) (i32.const 2)))))))))
            (i64.sub (i64.const 0) (i64.extend_i32_u (i32.eqz (i32.and (i32.lt_u (local.get $n1) (i32.const 31))
              (i32.ne (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 1 (local.get $t)) (i64.const 32)))
                      (i32.load offset=2416 (i32.shl (i32.and (local.get $n1) (i32.const 31)) (i32.const 2))))))))))
        ;; second step where y0's exponent is more than 16 below t's
        (local.set $step2 (v128.and (local.get $mask) (i64x2.gt_s (i64x2.sub (local.get $j) (v128.and (i64x2.shr_u (local.get $y0) (i32.const 52)) (v128.load offset=2352 (i32.const 0)) (;0x7ff;))) (v128.load offset=2320 (i32.const 0)) (;16;))))
        (local.set $w2 (f64x2.mul (local.get $fn) (v128.load offset=2112 (i32.const 0)) (;pio2_2;)))
        (local.set $r2 (f64x2.sub (local.get $r) (local.get $w2)))
        (local.set $w2 (f64x2.sub (f64x2.mul (local.get $fn) (v128.load offset=2128 (i32.const 0)) (;pio2_2t;)) (f64x2.sub (f64x2.sub (local.get $r) (local.get $r2)) (local.get $w2))))
        (local.set $y02 (f64x2.sub (local.get $r2) (local.get $w2)))
        ;; third step where the second's y0 is more than 49 below
        (local.set $step3 (v128.and (local.get $step2) (i64x2.gt_s (i64x2.sub (local.get $j) (v128.and (i64x2.shr_u (local.get $y02) (i32.const 52)) (v128.load offset=2352 (i32.const 0)) (;0x7ff;))) (v128.load offset=2336 (i32.const 0)) (;49;))))
        (local.set $w3 (f64x2.mul (local.get $fn) (v128.load offset=2144 (i32.const 0)) (;pio2_3;)))
        (local.set $r3 (f64x2.sub (local.get $r2) (local.get $w3)))
        (local.set $w3 (f64x2.sub (f64x2.mul (local.get $fn) (v128.load offset=2160 (i32.const 0)) (;pio2_3t;)) (f64x2.sub (f64x2.sub (local.get $r2) (local.get $r3)) (local.get $w3))))
        (local.set $y03 (f64x2.sub (local.get $r3) (local.get $w3)))
        (local.set $r (v128.bitselect (local.get $r3) (v128.bitselect (local.get $r2) (local.get $r) (local.get $step2)) (local.get $step3)))
        (local.set $w (v128.bitselect (local.get $w3) (v128.bitselect (local.get $w2) (local.get $w) (local.get $step2)) (local.get $step3)))
        (local.set $y0 (v128.bitselect (local.get $y03) (v128.bitselect (local.get $y02) (local.get $y0) (local.get $step2)) (local.get $step3)))
        (local.set $y1 (f64x2.sub (f64x2.sub (local.get $r) (local.get $y0)) (local.get $w)))
        ;; at π/2's high word fdlibm reduces by pio2_1 + pio2_2 and stops (n = 1 there)
        (local.set $mask (i64x2.eq (v128.and (local.get $t) (v128.load offset=2288 (i32.const 0)) (;high word;)) (v128.load offset=2304 (i32.const 0)) (;π/2's high word;)))
        (local.set $zb (f64x2.sub (f64x2.sub (local.get $t) (v128.load offset=2080 (i32.const 0)) (;pio2_1;)) (v128.load offset=2112 (i32.const 0)) (;pio2_2;)))
        (local.set $yb (f64x2.sub (local.get $zb) (v128.load offset=2128 (i32.const 0)) (;pio2_2t;)))
        (local.set $y0 (v128.bitselect (local.get $yb) (local.get $y0) (local.get $mask)))
        (local.set $y1 (v128.bitselect (f64x2.sub (f64x2.sub (local.get $zb) (local.get $yb)) (v128.load offset=2128 (i32.const 0)) (;pio2_2t;)) (local.get $y1) (local.get $mask))))
      (else (local.set $y1 (f64x2.sub (f64x2.sub (local.get $r) (local.get $y0)) (local.get $w)))))
    ;; up to π/4: no reduction
    (local.set $y0 (v128.bitselect (local.get $t) (local.get $y0) (local.get $small)))
    (local.set $y1 (v128.andnot (local.get $y1) (local.get $small)))
    (local.set $q (v128.andnot (v128.and (local.get $nb) (v128.load offset=2400 (i32.const 0)) (;3;)) (local.get $small)))
    ;; __kernel_sin: y0 + v·(S1 + z·r) without y (t ≤ π/4), y0 − ((z·(y1/2 − v·r) − y1) − v·S1) with it
    (local.set $z (f64x2.mul (local.get $y0) (local.get $y0)))
    (local.set $v (f64x2.mul (local.get $z) (local.get $y0)))
    (local.set $rp (f64x2.add (v128.load offset=1888 (i32.const 0)) (;S2;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=1904 (i32.const 0)) (;S3;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=1920 (i32.const 0)) (;S4;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=1936 (i32.const 0)) (;S5;) (f64x2.mul (local.get $z) (v128.load offset=1952 (i32.const 0)) (;S6;))))))))))
    (local.set $ay (v128.and (local.get $y0) (v128.load offset=1856 (i32.const 0)) (;|·| mask;)))
    (local.set $tiny (i64x2.lt_s (local.get $ay) (v128.load offset=2208 (i32.const 0)) (;2^−27;)))
    (local.set $ks
      (v128.bitselect (local.get $y0)
        (v128.bitselect
          (f64x2.add (local.get $y0) (f64x2.mul (local.get $v) (f64x2.add (v128.load offset=1872 (i32.const 0)) (;S1;) (f64x2.mul (local.get $z) (local.get $rp)))))
          (f64x2.sub (local.get $y0)
            (f64x2.sub (f64x2.sub (f64x2.mul (local.get $z) (f64x2.sub (f64x2.mul (v128.load offset=240 (i32.const 0)) (;1/2;) (local.get $y1)) (f64x2.mul (local.get $v) (local.get $rp)))) (local.get $y1))
                       (f64x2.mul (local.get $v) (v128.load offset=1872 (i32.const 0)) (;S1;))))
          (local.get $small))
        (local.get $tiny)))
    ;; __kernel_cos: (1 − qx) − ((z/2 − qx) − (z·r − y0·y1)), r = z·(C1 + z·(C2 + …))
    (local.set $rp (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=1968 (i32.const 0)) (;C1;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=1984 (i32.const 0)) (;C2;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=2000 (i32.const 0)) (;C3;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=2016 (i32.const 0)) (;C4;) (f64x2.mul (local.get $z) (f64x2.add (v128.load offset=2032 (i32.const 0)) (;C5;) (f64x2.mul (local.get $z) (v128.load offset=2048 (i32.const 0)) (;C6;)))))))))))))
    (local.set $qx
      (v128.bitselect (v128.load offset=2256 (i32.const 0)) (;0.28125;)
        (v128.andnot (i64x2.sub (v128.and (local.get $ay) (v128.load offset=2288 (i32.const 0)) (;high word;)) (v128.load offset=2272 (i32.const 0)) (;0x00200000 << 32;)) (i64x2.lt_s (local.get $ay) (v128.load offset=2224 (i32.const 0)) (;0.3;)))
        (i64x2.ge_s (local.get $ay) (v128.load offset=2240 (i32.const 0)) (;0.78125;))))
    (local.set $kc
      (v128.bitselect (v128.load offset=16 (i32.const 0)) (;1;)
        (f64x2.sub (f64x2.sub (v128.load offset=16 (i32.const 0)) (;1;) (local.get $qx))
                   (f64x2.sub (f64x2.sub (f64x2.mul (v128.load offset=240 (i32.const 0)) (;1/2;) (local.get $z)) (local.get $qx))
                              (f64x2.sub (f64x2.mul (local.get $z) (local.get $rp)) (f64x2.mul (local.get $y0) (local.get $y1)))))
        (local.get $tiny)))
    ;; n mod 4: sin = ks, kc, −ks, −kc; cos = kc, −ks, −kc, ks
    (local.set $odd (i64x2.eq (v128.and (local.get $q) (v128.load offset=2368 (i32.const 0)) (;1;)) (v128.load offset=2368 (i32.const 0)) (;1;)))
    (if (result v128) (local.get $cos)
      (then
        (v128.xor (v128.bitselect (local.get $ks) (local.get $kc) (local.get $odd))
                  (v128.and (i64x2.eq (v128.and (i64x2.add (local.get $q) (v128.load offset=2368 (i32.const 0)) (;1;)) (v128.load offset=2384 (i32.const 0)) (;2;)) (v128.load offset=2384 (i32.const 0)) (;2;)) (v128.load offset=0 (i32.const 0)) (;sign;))))
      (else
        (v128.xor (v128.xor (v128.bitselect (local.get $kc) (local.get $ks) (local.get $odd))
                            (v128.and (i64x2.eq (v128.and (local.get $q) (v128.load offset=2384 (i32.const 0)) (;2;)) (v128.load offset=2384 (i32.const 0)) (;2;)) (v128.load offset=0 (i32.const 0)) (;sign;)))
                  (v128.and (local.get $x) (v128.load offset=0 (i32.const 0)) (;sign;))))))

  ;; sin(p, n) and cos(p, n): replace the n doubles at p, two at a time (the caller leaves 8 bytes
  ;; of slack after an odd count, and zeroes it). They return 1 if a lane was at or above 2^20·π/2
  ;; (or ±∞, NaN), whose result the caller replaces by Math.sin's or Math.cos's, else 0.
  (func (export "sin") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $x v128) (local $far v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $far (v128.or (local.get $far) (i64x2.ge_s (v128.and (local.get $x) (v128.load offset=1856 (i32.const 0)) (;|·| mask;)) (v128.load offset=2176 (i32.const 0)) (;far;))))
        (v128.store (local.get $p) (call $sincosv (local.get $x) (i32.const 0)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (v128.any_true (local.get $far)))
  (func (export "cos") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $x v128) (local $far v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $far (v128.or (local.get $far) (i64x2.ge_s (v128.and (local.get $x) (v128.load offset=1856 (i32.const 0)) (;|·| mask;)) (v128.load offset=2176 (i32.const 0)) (;far;))))
        (v128.store (local.get $p) (call $sincosv (local.get $x) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (v128.any_true (local.get $far)))
)
