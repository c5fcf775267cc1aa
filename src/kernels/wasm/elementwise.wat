;; shapecalc — element-wise float64 kernels in WebAssembly (SIMD, f64x2). Hand-written.
;;
;; tanh(p, n): replace the n doubles at byte address p ≥ dataBase (16-byte aligned) by their tanh, two at a
;; time; when n is odd the lane after the last one is computed too (garbage in, garbage out), so
;; the caller leaves 8 bytes of slack after the data. No traps: the garbage lane only costs time.
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
;; e^{s}, s = 2·min(a, 22) ∈ [1.25, 44], by Cody–Waite reduction: s = n·ln2 + r, |r| ≤ ln2/2,
;; n = round(s/ln2) through the 1.5·2^52 shift (the low mantissa bits of t = s/ln2 + 1.5·2^52
;; hold n), r = (s − n·LN2HI) − n·LN2LO with LN2HI's low 32 bits zero (n·LN2HI exact);
;; e^r = 1 + (r + r²·q(r)), q the Taylor polynomial Σ_{k=2..13} r^{k−2}/k! (truncation error
;; < 1e-17 relative on |r| ≤ 0.35), evaluated by Estrin's scheme for a short dependency chain;
;; 2^n is built in the exponent bits: (bits(t) << 52) + (1023 << 52), n ∈ [1, 64].
;;
;; Memory: [0, 448) the constants as f64x2/i64x2 pairs, written by the start function and
;; read with v128.load (V8 rematerializes a v128.const at every use, 3 instructions each; a load
;; is one); the caller's data goes at dataBase and above.

(module
  (memory (export "memory") 1)
  (global (export "dataBase") i32 (i32.const 512))

  ;; The constant table (offsets in bytes; each value twice, one per lane).
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
    (v128.store offset=176 (i32.const 0) (v128.const f64x2 1.4426950408889634 1.4426950408889634))  ;; 1/ln2
    (v128.store offset=192 (i32.const 0) (v128.const f64x2 6755399441055744 6755399441055744))  ;; 1.5·2^52 (round to integer)
    (v128.store offset=208 (i32.const 0) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))  ;; ln2 high part (fdlibm split: low 32 bits zero)
    (v128.store offset=224 (i32.const 0) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))  ;; ln2 low part
    (v128.store offset=240 (i32.const 0) (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000))  ;; 1023 << 52 (exponent bias)
    (v128.store offset=256 (i32.const 0) (v128.const f64x2 0.5 0.5))  ;; 1/2!
    (v128.store offset=272 (i32.const 0) (v128.const f64x2 0.16666666666666666 0.16666666666666666))  ;; 1/3!
    (v128.store offset=288 (i32.const 0) (v128.const f64x2 0.041666666666666664 0.041666666666666664))  ;; 1/4!
    (v128.store offset=304 (i32.const 0) (v128.const f64x2 0.008333333333333333 0.008333333333333333))  ;; 1/5!
    (v128.store offset=320 (i32.const 0) (v128.const f64x2 0.001388888888888889 0.001388888888888889))  ;; 1/6!
    (v128.store offset=336 (i32.const 0) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984))  ;; 1/7!
    (v128.store offset=352 (i32.const 0) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873))  ;; 1/8!
    (v128.store offset=368 (i32.const 0) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893))  ;; 1/9!
    (v128.store offset=384 (i32.const 0) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7))  ;; 1/10!
    (v128.store offset=400 (i32.const 0) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8))  ;; 1/11!
    (v128.store offset=416 (i32.const 0) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9))  ;; 1/12!
    (v128.store offset=432 (i32.const 0) (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))  ;; 1/13!
  )
  (start $init)

  (func (export "tanh") (param $p i32) (param $n i32)
    (local $end i32)
    (local $x v128) (local $a v128) (local $small v128) (local $z v128)
    (local $num v128) (local $den v128) (local $s v128) (local $t v128) (local $k v128)
    (local $r v128) (local $r2 v128) (local $r4 v128) (local $q v128) (local $e v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $a (f64x2.abs (local.get $x)))
        (local.set $small (f64x2.lt (local.get $a) (v128.load offset=32 (i32.const 0)) (;lim;)))

        ;; rational branch: num = a·z·P(z), den = Q(z)
        (local.set $z (f64x2.mul (local.get $a) (local.get $a)))
        (local.set $num
          (f64x2.mul (local.get $a)
            (f64x2.mul (local.get $z)
              (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (v128.load offset=80 (i32.const 0)) (;P0;) (local.get $z)) (v128.load offset=96 (i32.const 0)) (;P1;))
                                    (local.get $z))
                         (v128.load offset=112 (i32.const 0)) (;P2;)))))
        (local.set $den
          (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (local.get $z) (v128.load offset=128 (i32.const 0)) (;Q0;)) (local.get $z))
                                           (v128.load offset=144 (i32.const 0)) (;Q1;))
                                (local.get $z))
                     (v128.load offset=160 (i32.const 0)) (;Q2;)))

        ;; exp branch: s = 2·min(a, 22); t = s/ln2 + 1.5·2^52; k = t − 1.5·2^52 = n
        (local.set $s (f64x2.pmin (local.get $a) (v128.load offset=48 (i32.const 0)) (;sat;)))
        (local.set $s (f64x2.add (local.get $s) (local.get $s)))
        (local.set $t (f64x2.add (f64x2.mul (local.get $s) (v128.load offset=176 (i32.const 0)) (;log2e;)) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $k (f64x2.sub (local.get $t) (v128.load offset=192 (i32.const 0)) (;shift;)))
        (local.set $r (f64x2.sub (f64x2.sub (local.get $s) (f64x2.mul (local.get $k) (v128.load offset=208 (i32.const 0)) (;ln2hi;)))
                                 (f64x2.mul (local.get $k) (v128.load offset=224 (i32.const 0)) (;ln2lo;))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
        ;; q = (c2 + c3 r + (c4 + c5 r) r²) + r⁴ ((c6 + c7 r + (c8 + c9 r) r²)
        ;;                                      + r⁴ (c10 + c11 r + (c12 + c13 r) r²))
        (local.set $q
          (f64x2.add
            (f64x2.add (f64x2.add (v128.load offset=256 (i32.const 0)) (;c2;) (f64x2.mul (v128.load offset=272 (i32.const 0)) (;c3;) (local.get $r)))
                       (f64x2.mul (f64x2.add (v128.load offset=288 (i32.const 0)) (;c4;) (f64x2.mul (v128.load offset=304 (i32.const 0)) (;c5;) (local.get $r)))
                                  (local.get $r2)))
            (f64x2.mul (local.get $r4)
              (f64x2.add
                (f64x2.add (f64x2.add (v128.load offset=320 (i32.const 0)) (;c6;) (f64x2.mul (v128.load offset=336 (i32.const 0)) (;c7;) (local.get $r)))
                           (f64x2.mul (f64x2.add (v128.load offset=352 (i32.const 0)) (;c8;) (f64x2.mul (v128.load offset=368 (i32.const 0)) (;c9;) (local.get $r)))
                                      (local.get $r2)))
                (f64x2.mul (local.get $r4)
                  (f64x2.add (f64x2.add (v128.load offset=384 (i32.const 0)) (;c10;) (f64x2.mul (v128.load offset=400 (i32.const 0)) (;c11;) (local.get $r)))
                             (f64x2.mul (f64x2.add (v128.load offset=416 (i32.const 0)) (;c12;) (f64x2.mul (v128.load offset=432 (i32.const 0)) (;c13;) (local.get $r)))
                                        (local.get $r2))))))))
        ;; e = e^r · 2^n = (1 + (r + r²·q)) · bits((t << 52) + (1023 << 52))
        (local.set $e
          (f64x2.mul
            (f64x2.add (v128.load offset=16 (i32.const 0)) (;one;)
                       (f64x2.add (local.get $r) (f64x2.mul (local.get $r2) (local.get $q))))
            (i64x2.add (i64x2.shl (local.get $t) (i32.const 52)) (v128.load offset=240 (i32.const 0)) (;bias;))))

        ;; choose per lane, one division, put the sign of x back
        (local.set $num (v128.bitselect (local.get $num) (v128.load offset=64 (i32.const 0)) (;m2;) (local.get $small)))
        (local.set $den (v128.bitselect (local.get $den)
                                        (f64x2.add (local.get $e) (v128.load offset=16 (i32.const 0)) (;one;))
                                        (local.get $small)))
        (v128.store (local.get $p)
          (v128.or
            (f64x2.add (v128.bitselect (local.get $a) (v128.load offset=16 (i32.const 0)) (;one;) (local.get $small))
                       (f64x2.div (local.get $num) (local.get $den)))
            (v128.and (local.get $x) (v128.load offset=0 (i32.const 0)) (;sign;))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))))
