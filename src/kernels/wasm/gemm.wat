;; shapecalc — float64 GEMM kernel in WebAssembly (SIMD, f64x2). Hand-written.
;;
;; C (m×n) = alpha·op(A)·op(B)  or  C += alpha·op(A)·op(B), row-major, strided.
;; Element (i, p) of op(A) is A[i*lda + p] (or A[p*lda + i] when ta), element (p, j) of op(B)
;; is B[p*ldb + j] (or B[j*ldb + p] when tb), element (i, j) of C is C[i*ldc + j].
;; a, b, c are byte addresses in this module's memory; lda, ldb, ldc count elements.
;; ws is the byte address of this call's workspace (packed blocks and edge tile): 0 for the
;; module's own memory; threads sharing one memory each pass their own workspace.
;;
;; Goto/BLIS structure: jc (NC columns of op(B)) → pc (KC deep) → pack B block →
;; ic (MC rows of op(A)) → pack A block → jr (4 columns) → ir (4 rows) → 4×4 micro-kernel
;; ($blockProduct runs the jr and ir loops of a packed block: $kernelColumn a column's full tiles,
;; $kernelEdge an edge tile).
;; Packing absorbs the transposes and alpha, and zero-pads every panel to a full 4 wide and
;; to a depth that is a multiple of 4, so the micro-kernel never branches on edges inside its
;; loop; only the final store of an edge tile goes through a scratch tile.
;; Small products (alpha = 1, chosen by the caller) skip packing: "gemmDirect" runs the same 4×4
;; tile straight on the operands, with the same sums in the same order.
;;
;; This file is a template read by scripts/build-wasm.mjs:
;;   {{NAME}}          numeric constants (block sizes and memory layout), set in the script;
;;   {{MEMORY}}        the module's own memory, or an imported shared memory (threads variant);
;;   {{MADD $acc $x $y}} expands to  acc = x*y + acc  — f64x2.relaxed_madd in the relaxed
;;                       variant, f64x2.mul + f64x2.add in the plain SIMD variant.
;;   {{STORE_TILE}}    writes the accumulators $c00 … $c31 as a full 4×4 tile to C from $c (row
;;                     stride $ldcb bytes), adding to what is there when $add; $o ends at the last row.
;;   {{DEEPEN}} … {{/DEEPEN}}  five loops that never branch back, around the micro-kernels' depth
;;                     loops: V8 unrolls an inner loop more the deeper it is nested, here into
;;                     six copies of the body instead of two (the build script says why; 1.02–1.10×).
;;
;; Workspace layout (bytes from ws): [PACKA, +MC*KC*8) packed A block, [PACKB, +KC*NC*8) packed
;; B block, [TILE, +128) edge tile. With ws = 0, [DATA_BASE, …) is free for the operands.

(module
  {{MEMORY}}
  (global (export "dataBase") i32 (i32.const {{DATA_BASE}}))

  ;; A packed panel from rows of a source that each run along the depth: rows r < rows of the panel
  ;; (row r at s + r·step bytes, kc entries each) times alpha, rows rows…3 zero; entry (p, r) at
  ;; d + (p·4 + r)·8. Four rows go two depths per step: each row gives (x(r, p), x(r, p+1)) in one
  ;; load, and shuffles pair the rows up as the panel stores them; the last depth of an odd kc goes
  ;; by scalars. Panels of op(A) when A is not transposed, and of op(B) when B is (alpha = 1
  ;; there, which multiplies exactly). scripts/build-wasm.mjs inlines it into both callers.
  (func $packRows (param $d i32) (param $s i32) (param $step i32) (param $kc i32) (param $alpha f64) (param $rows i32)
    (local $p i32) (local $r i32) (local $o i32) (local $va v128) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (if (i32.eq (local.get $rows) (i32.const 4))
      (then
        (local.set $va (f64x2.splat (local.get $alpha)))
        (local.set $p (i32.const 0))
        (block $d8 (loop $l8
          (br_if $d8 (i32.ge_s (i32.add (local.get $p) (i32.const 1)) (local.get $kc)))
          (local.set $v0 (v128.load (local.get $s)))
          (local.set $v1 (v128.load (i32.add (local.get $s) (local.get $step))))
          (local.set $v2 (v128.load (i32.add (local.get $s) (i32.shl (local.get $step) (i32.const 1)))))
          (local.set $v3 (v128.load (i32.add (local.get $s) (i32.mul (local.get $step) (i32.const 3)))))
          (v128.store offset=0 (local.get $d)
            (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v0) (local.get $v1)) (local.get $va)))
          (v128.store offset=16 (local.get $d)
            (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v2) (local.get $v3)) (local.get $va)))
          (v128.store offset=32 (local.get $d)
            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v0) (local.get $v1)) (local.get $va)))
          (v128.store offset=48 (local.get $d)
            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v2) (local.get $v3)) (local.get $va)))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (local.set $d (i32.add (local.get $d) (i32.const 64)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (br $l8)))
        (if (i32.lt_s (local.get $p) (local.get $kc))
          (then
            (f64.store offset=0 (local.get $d) (f64.mul (local.get $alpha) (f64.load (local.get $s))))
            (f64.store offset=8 (local.get $d)
              (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $s) (local.get $step)))))
            (f64.store offset=16 (local.get $d)
              (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $s) (i32.shl (local.get $step) (i32.const 1))))))
            (f64.store offset=24 (local.get $d)
              (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $s) (i32.mul (local.get $step) (i32.const 3)))))))))
      (else
        ;; an edge panel, entry by entry
        (local.set $r (i32.const 0))
        (block $dr (loop $lr
          (br_if $dr (i32.ge_s (local.get $r) (i32.const 4)))
          (local.set $o (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const 3))))
          (local.set $p (i32.const 0))
          (if (i32.lt_s (local.get $r) (local.get $rows))
            (then
              (block $dc (loop $lc
                (br_if $dc (i32.ge_s (local.get $p) (local.get $kc)))
                (f64.store (local.get $o)
                  (f64.mul (local.get $alpha)
                    (f64.load (i32.add (i32.add (local.get $s) (i32.mul (local.get $r) (local.get $step)))
                                       (i32.shl (local.get $p) (i32.const 3))))))
                (local.set $o (i32.add (local.get $o) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $lc))))
            (else
              (block $dz (loop $lz
                (br_if $dz (i32.ge_s (local.get $p) (local.get $kc)))
                (f64.store (local.get $o) (f64.const 0))
                (local.set $o (i32.add (local.get $o) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $lz)))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $lr))))))

  ;; Pack rows i0 … i0+count−1 of a matrix X, at depths pc … pc+kc−1, times alpha, as 4×kcp panels
  ;; from dst: element (r, p) of panel ir at dst + (ir*kcp + p*4 + r)*8; zero rows r past the edge
  ;; and depths p ≥ kc. With across, X(i, p) = x[p*ld + i] (a panel's 4 rows are contiguous for
  ;; each p); else X(i, p) = x[i*ld + p] (each row is a contiguous run of x).
  ;; op(A)'s row blocks are X = op(A) (across = ta); op(B)'s column blocks are X = op(B)ᵀ, packed
  ;; the same way (across = not tb, alpha = 1, which multiplies exactly), so that a B panel's
  ;; element (p, j) sits where the micro-kernel reads it.
  (func $packPanels (param $dst0 i32) (param $across i32) (param $alpha f64) (param $x i32) (param $ld i32)
                    (param $i0 i32) (param $count i32) (param $pc i32) (param $kc i32) (param $kcp i32)
    (local $ir i32) (local $mr i32) (local $r i32) (local $p i32)
    (local $dst i32) (local $d i32) (local $s i32) (local $step i32) (local $va v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $step (i32.shl (local.get $ld) (i32.const 3)))
    (local.set $ir (i32.const 0))
    (block $done_ir
      (loop $loop_ir
        (br_if $done_ir (i32.ge_s (local.get $ir) (local.get $count)))
        (local.set $mr (i32.sub (local.get $count) (local.get $ir)))
        (if (i32.gt_s (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
        (local.set $dst (i32.add (local.get $dst0)
                                 (i32.shl (i32.mul (local.get $ir) (local.get $kcp)) (i32.const 3))))
        (if (local.get $across)
          (then
            ;; X(i, p) = x[p*ld + i]: the 4 rows of a panel are contiguous for each p.
            (local.set $s (i32.add (local.get $x)
                            (i32.shl (i32.add (i32.mul (local.get $pc) (local.get $ld))
                                              (i32.add (local.get $i0) (local.get $ir)))
                                     (i32.const 3))))
            (local.set $d (local.get $dst))
            (local.set $p (i32.const 0))
            (if (i32.eq (local.get $mr) (i32.const 4))
              (then
                (block $d1 (loop $l1
                  (br_if $d1 (i32.ge_s (local.get $p) (local.get $kc)))
                  (v128.store offset=0 (local.get $d)
                    (f64x2.mul (v128.load offset=0 (local.get $s)) (local.get $va)))
                  (v128.store offset=16 (local.get $d)
                    (f64x2.mul (v128.load offset=16 (local.get $s)) (local.get $va)))
                  (local.set $s (i32.add (local.get $s) (local.get $step)))
                  (local.set $d (i32.add (local.get $d) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $l1))))
              (else
                (block $d2 (loop $l2
                  (br_if $d2 (i32.ge_s (local.get $p) (local.get $kc)))
                  (local.set $r (i32.const 0))
                  (block $d3 (loop $l3
                    (br_if $d3 (i32.ge_s (local.get $r) (i32.const 4)))
                    (f64.store
                      (i32.add (local.get $d) (i32.shl (local.get $r) (i32.const 3)))
                      (if (result f64) (i32.lt_s (local.get $r) (local.get $mr))
                        (then (f64.mul (local.get $alpha)
                                (f64.load (i32.add (local.get $s) (i32.shl (local.get $r) (i32.const 3))))))
                        (else (f64.const 0))))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $l3)))
                  (local.set $s (i32.add (local.get $s) (local.get $step)))
                  (local.set $d (i32.add (local.get $d) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $l2))))))
          (else
            ;; X(i, p) = x[i*ld + p]: each row of the panel is a contiguous run of x.
            (call $packRows (local.get $dst)
              (i32.add (local.get $x)
                (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $ir)) (local.get $ld)) (local.get $pc))
                         (i32.const 3)))
              (local.get $step) (local.get $kc) (local.get $alpha) (local.get $mr))))
        ;; zero the depth padding p in [kc, kcp)
        (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 5))))
        (local.set $p (local.get $kc))
        (block $d7 (loop $l7
          (br_if $d7 (i32.ge_s (local.get $p) (local.get $kcp)))
          (v128.store offset=0 (local.get $d) (v128.const i64x2 0 0))
          (v128.store offset=16 (local.get $d) (v128.const i64x2 0 0))
          (local.set $d (i32.add (local.get $d) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $l7)))
        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
        (br $loop_ir))))

  ;; An edge tile (mr or nr < 4): the full 4×4 tile of Apanel(4×kcp) · Bpanel(kcp×4), which packing
  ;; zero-padded, goes to TILE through $kernelColumn, then $copyCorner writes its mr×nr corner to c.
  (func $kernelEdge (param $tile i32) (param $kcp i32) (param $ap i32) (param $bp i32) (param $c i32) (param $ldcb i32)
                    (param $add i32) (param $mr i32) (param $nr i32)
    (call $kernelColumn (local.get $kcp) (local.get $ap) (local.get $bp) (local.get $tile) (i32.const 32)
                        (i32.const 0) (i32.const 1))
    (call $copyCorner (local.get $tile) (local.get $c) (local.get $ldcb) (local.get $add) (local.get $mr) (local.get $nr)))

  ;; Writes (add ? += : =) the top-left mr×nr corner of the row-major 4×4 tile at tile to c (row
  ;; stride ldcb bytes).
  (func $copyCorner (param $tile i32) (param $c i32) (param $ldcb i32) (param $add i32) (param $mr i32) (param $nr i32)
    (local $r i32) (local $j i32) (local $o i32) (local $t i32)
    (local.set $r (i32.const 0))
    (block $dr (loop $lr
      (br_if $dr (i32.ge_s (local.get $r) (local.get $mr)))
      (local.set $o (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldcb))))
      (local.set $t (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s (local.get $j) (local.get $nr)))
        (f64.store (local.get $o)
          (if (result f64) (local.get $add)
            (then (f64.add (f64.load (local.get $o)) (f64.load (local.get $t))))
            (else (f64.load (local.get $t)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lj)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $lr))))

  ;; The micro-kernel down a column of full tiles: rows 0 … 4·npan−1 of the packed A block (npan ≥ 1
  ;; panels from ap, each 4×kcp) times one full packed B panel (kcp×4 at bp), each tile written
  ;; (add ? += : =) to C from c down (row stride ldcb bytes). One call per column, with no edge
  ;; handling: against one call per tile, as before (raw module calls alternating in one process,
  ;; relaxed SIMD, 2026-12-07), 1.05–1.07× faster at kcp = 256 and 512, 1.15–1.18× at 64 and 128.
  (func $kernelColumn (param $kcp i32) (param $ap i32) (param $bp i32) (param $c i32) (param $ldcb i32)
                      (param $add i32) (param $npan i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $q i32) (local $aend i32) (local $o i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $kcp) (i32.const 5)))
    (loop $panel
      (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
      (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
      (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
      (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
      (local.set $q (local.get $bp))
      (local.set $aend (i32.add (local.get $ap) (local.get $bytes)))
      {{DEEPEN}}
      (loop $k
        (local.set $b0 (v128.load offset=0 (local.get $q)))
        (local.set $b1 (v128.load offset=16 (local.get $q)))
        (local.set $x (v128.load64_splat offset=0 (local.get $ap)))
        {{MADD $c00 $x $b0}}
        {{MADD $c01 $x $b1}}
        (local.set $x (v128.load64_splat offset=8 (local.get $ap)))
        {{MADD $c10 $x $b0}}
        {{MADD $c11 $x $b1}}
        (local.set $x (v128.load64_splat offset=16 (local.get $ap)))
        {{MADD $c20 $x $b0}}
        {{MADD $c21 $x $b1}}
        (local.set $x (v128.load64_splat offset=24 (local.get $ap)))
        {{MADD $c30 $x $b0}}
        {{MADD $c31 $x $b1}}
        (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br_if $k (i32.lt_u (local.get $ap) (local.get $aend)))){{/DEEPEN}}
      {{STORE_TILE}}
      (local.set $c (i32.add (local.get $o) (local.get $ldcb)))
      (local.set $npan (i32.sub (local.get $npan) (i32.const 1)))
      (br_if $panel (local.get $npan))))

  ;; One packed block: the mc×nc block of C from cblk (row stride ldcb bytes) (add ? += : =) the
  ;; packed A block (panels of 4×kcp from packa) times the packed B block (panels of kcp×4 from
  ;; bpack), column by column: a column's full tiles in one $kernelColumn call, its edge tiles
  ;; through $kernelEdge. The loop nest of both "gemm" and "gemmRows".
  (func $blockProduct (param $tile i32) (param $kcp i32) (param $packa i32) (param $bpack i32) (param $cblk i32)
                      (param $ldcb i32) (param $add i32) (param $mc i32) (param $nc i32)
    (local $jr i32) (local $ir i32) (local $nr i32) (local $mr i32) (local $bpan i32) (local $ccol i32)
    (local.set $jr (i32.const 0))
    (block $djr (loop $ljr
      (br_if $djr (i32.ge_s (local.get $jr) (local.get $nc)))
      (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
      (if (i32.gt_s (local.get $nr) (i32.const 4)) (then (local.set $nr (i32.const 4))))
      (local.set $bpan (i32.add (local.get $bpack) (i32.shl (i32.mul (local.get $jr) (local.get $kcp)) (i32.const 3))))
      (local.set $ccol (i32.add (local.get $cblk) (i32.shl (local.get $jr) (i32.const 3))))
      (local.set $ir (i32.const 0))
      (if (i32.and (i32.eq (local.get $nr) (i32.const 4)) (i32.ge_s (local.get $mc) (i32.const 4)))
        (then
          (call $kernelColumn (local.get $kcp) (local.get $packa) (local.get $bpan) (local.get $ccol)
                              (local.get $ldcb) (local.get $add) (i32.shr_u (local.get $mc) (i32.const 2)))
          (local.set $ir (i32.and (local.get $mc) (i32.const -4)))))
      (block $dir (loop $lir
        (br_if $dir (i32.ge_s (local.get $ir) (local.get $mc)))
        (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
        (if (i32.gt_s (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
        (call $kernelEdge (local.get $tile) (local.get $kcp)
                          (i32.add (local.get $packa) (i32.shl (i32.mul (local.get $ir) (local.get $kcp)) (i32.const 3)))
                          (local.get $bpan)
                          (i32.add (local.get $ccol) (i32.mul (local.get $ir) (local.get $ldcb)))
                          (local.get $ldcb) (local.get $add) (local.get $mr) (local.get $nr))
        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
        (br $lir)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
      (br $ljr))))

  ;; Shared-packing entry points for the two-thread path (gemm-threads.ts). The whole op(B) is
  ;; packed once into a buffer both threads read (each packs some column ranges), then each thread
  ;; computes whole row blocks of C from it, packing only its own rows of op(A). Same blocking and
  ;; summation order as "gemm", so results are bit-identical to it.
  ;; Packed B layout (kp = k rounded up to 4, np = n rounded up to 4): the depth block starting at
  ;; pc (KC deep, kcp padded) starts at element pc*np; its panel of columns jr..jr+3 is kcp×4 at
  ;; element pc*np + jr*kcp.

  ;; Pack columns [j0, j0+nc) of op(B) (j0 a multiple of 4), every depth block, into pb.
  (func (export "packBCols") (param $pb i32) (param $tb i32) (param $b i32) (param $ldb i32)
                             (param $k i32) (param $np i32) (param $j0 i32) (param $nc i32)
    (local $pc i32) (local $kc i32)
    (local.set $pc (i32.const 0))
    (block $dpc (loop $lpc
      (br_if $dpc (i32.ge_s (local.get $pc) (local.get $k)))
      (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
      (if (i32.gt_s (local.get $kc) (i32.const {{KC}})) (then (local.set $kc (i32.const {{KC}}))))
      (call $packPanels (i32.add (local.get $pb)
                                 (i32.shl (i32.add (i32.mul (local.get $pc) (local.get $np))
                                                   (i32.mul (local.get $j0) (i32.and (i32.add (local.get $kc) (i32.const 3)) (i32.const -4))))
                                          (i32.const 3)))
                        (i32.eqz (local.get $tb)) (f64.const 1) (local.get $b) (local.get $ldb) (local.get $j0) (local.get $nc)
                        (local.get $pc) (local.get $kc) (i32.and (i32.add (local.get $kc) (i32.const 3)) (i32.const -4)))
      (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
      (br $lpc))))

  ;; Rows [i0, i0+mc) of C (mc ≤ MC, all n columns) = (acc ? C + : ) alpha·op(A)·op(B), op(B)
  ;; packed in pb as above.
  (func (export "gemmRows") (param $ws i32) (param $ta i32) (param $alpha f64) (param $a i32) (param $lda i32)
                            (param $pb i32) (param $np i32) (param $i0 i32) (param $mc i32) (param $n i32) (param $k i32)
                            (param $c i32) (param $ldc i32) (param $acc i32)
    (local $pc i32) (local $kc i32) (local $kcp i32)
    (local $add i32) (local $ldcb i32) (local $packa i32) (local $tile i32)
    (local.set $packa (i32.add (local.get $ws) (i32.const {{PACKA}})))
    (local.set $tile (i32.add (local.get $ws) (i32.const {{TILE}})))
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $pc (i32.const 0))
    (block $dpc (loop $lpc
      (br_if $dpc (i32.ge_s (local.get $pc) (local.get $k)))
      (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
      (if (i32.gt_s (local.get $kc) (i32.const {{KC}})) (then (local.set $kc (i32.const {{KC}}))))
      (local.set $kcp (i32.and (i32.add (local.get $kc) (i32.const 3)) (i32.const -4)))
      (local.set $add (i32.or (i32.ne (local.get $acc) (i32.const 0)) (i32.gt_s (local.get $pc) (i32.const 0))))
      (call $packPanels (local.get $packa) (local.get $ta) (local.get $alpha) (local.get $a) (local.get $lda)
                        (local.get $i0) (local.get $mc) (local.get $pc) (local.get $kc) (local.get $kcp))
      (call $blockProduct (local.get $tile) (local.get $kcp) (local.get $packa)
                          (i32.add (local.get $pb) (i32.shl (i32.mul (local.get $pc) (local.get $np)) (i32.const 3)))
                          (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i0) (local.get $ldc)) (i32.const 3)))
                          (local.get $ldcb) (local.get $add) (local.get $mc) (local.get $n))
      (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
      (br $lpc))))

  ;; Unpacked products for operands small enough to stay in cache: C (=|+=) op(A)·B, alpha = 1,
  ;; k ≤ KC (op(A)·Bᵀ: $kernelDirectColumnT below). Same sums in the same order as "gemm" (one
  ;; depth block: each accumulator starts at 0 and adds p = 0, 1, … in turn), so the results are
  ;; bit-identical to it; it skips packing, which at 16³ costs as much as the arithmetic.
  ;; This is their micro-kernel, down a column: rows 0 … 4·npan−1 of op(A) (row r at a + r·rs, depth
  ;; p at + p·as) times 4 columns of B from bp (depth p at + p·ldbb), each 4×4 tile written
  ;; (add ? += : =) to C from c down (row stride ldcb bytes). For an edge tile the caller sends the
  ;; tile to TILE and copies its corner: with mr < 4 (one panel) rows r ≥ mr reread row 0, and for
  ;; an edge column (nr < 4) the B loads read up to 3 entries past the row's end (the caller leaves
  ;; 32 bytes of memory after B); those sums are never stored.
  (func $kernelDirectColumn (param $k i32) (param $a i32) (param $rs i32) (param $as i32) (param $bp i32)
                            (param $ldbb i32) (param $c i32) (param $ldcb i32) (param $add i32) (param $npan i32)
                            (param $mr i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $q i32) (local $p i32) (local $o i32)
    (loop $panel
      (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
      (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
      (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
      (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
      (local.set $a0 (local.get $a))
      (local.set $a1 (select (i32.add (local.get $a0) (local.get $rs)) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 1))))
      (local.set $a2 (select (i32.add (local.get $a0) (i32.shl (local.get $rs) (i32.const 1))) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 2))))
      (local.set $a3 (select (i32.add (local.get $a0) (i32.mul (local.get $rs) (i32.const 3))) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 3))))
      (local.set $q (local.get $bp))
      (local.set $p (local.get $k))
      {{DEEPEN}}
      (loop $lk
        (local.set $b0 (v128.load offset=0 (local.get $q)))
        (local.set $b1 (v128.load offset=16 (local.get $q)))
        (local.set $x (v128.load64_splat (local.get $a0)))
        {{MADD $c00 $x $b0}}
        {{MADD $c01 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a1)))
        {{MADD $c10 $x $b0}}
        {{MADD $c11 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a2)))
        {{MADD $c20 $x $b0}}
        {{MADD $c21 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a3)))
        {{MADD $c30 $x $b0}}
        {{MADD $c31 $x $b1}}
        (local.set $a0 (i32.add (local.get $a0) (local.get $as)))
        (local.set $a1 (i32.add (local.get $a1) (local.get $as)))
        (local.set $a2 (i32.add (local.get $a2) (local.get $as)))
        (local.set $a3 (i32.add (local.get $a3) (local.get $as)))
        (local.set $q (i32.add (local.get $q) (local.get $ldbb)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (br_if $lk (local.get $p))){{/DEEPEN}}
      {{STORE_TILE}}
      (local.set $c (i32.add (local.get $o) (local.get $ldcb)))
      (local.set $a (i32.add (local.get $a) (i32.shl (local.get $rs) (i32.const 2))))
      (local.set $npan (i32.sub (local.get $npan) (i32.const 1)))
      (br_if $panel (local.get $npan))))

  ;; $kernelDirectColumn for a transposed B: column j of op(B) is row j of B, from bp + j·ldbb on
  ;; (depth p at + p·8), so each depth's (b0, b1) is four lane loads, one per row. Each accumulator
  ;; adds p = 0, 1, … in turn, so the sums are the packed kernel's. (Loading two depths of a row at
  ;; once and pairing the rows up with i8x16.shuffle, as $packPanels does, made this kernel 1.1–1.9×
  ;; slower than packing on Node 20.) For an edge column (nr < 4) rows j ≥ nr reread row 0, as rows
  ;; r ≥ mr of A do: those sums are never stored, and nothing past B is read.
  (func $kernelDirectColumnT (param $k i32) (param $a i32) (param $rs i32) (param $as i32) (param $bp i32)
                             (param $ldbb i32) (param $c i32) (param $ldcb i32) (param $add i32) (param $npan i32)
                             (param $mr i32) (param $nr i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $p i32) (local $o i32)
    (loop $panel
      (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
      (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
      (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
      (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
      (local.set $a0 (local.get $a))
      (local.set $a1 (select (i32.add (local.get $a0) (local.get $rs)) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 1))))
      (local.set $a2 (select (i32.add (local.get $a0) (i32.shl (local.get $rs) (i32.const 1))) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 2))))
      (local.set $a3 (select (i32.add (local.get $a0) (i32.mul (local.get $rs) (i32.const 3))) (local.get $a0) (i32.gt_s (local.get $mr) (i32.const 3))))
      (local.set $q0 (local.get $bp))
      (local.set $q1 (select (i32.add (local.get $q0) (local.get $ldbb)) (local.get $q0) (i32.gt_s (local.get $nr) (i32.const 1))))
      (local.set $q2 (select (i32.add (local.get $q0) (i32.shl (local.get $ldbb) (i32.const 1))) (local.get $q0) (i32.gt_s (local.get $nr) (i32.const 2))))
      (local.set $q3 (select (i32.add (local.get $q0) (i32.mul (local.get $ldbb) (i32.const 3))) (local.get $q0) (i32.gt_s (local.get $nr) (i32.const 3))))
      (local.set $p (local.get $k))
      {{DEEPEN}}
      (loop $lk
        (local.set $b0 (v128.load64_lane 1 (local.get $q1) (v128.load64_zero (local.get $q0))))
        (local.set $b1 (v128.load64_lane 1 (local.get $q3) (v128.load64_zero (local.get $q2))))
        (local.set $x (v128.load64_splat (local.get $a0)))
        {{MADD $c00 $x $b0}}
        {{MADD $c01 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a1)))
        {{MADD $c10 $x $b0}}
        {{MADD $c11 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a2)))
        {{MADD $c20 $x $b0}}
        {{MADD $c21 $x $b1}}
        (local.set $x (v128.load64_splat (local.get $a3)))
        {{MADD $c30 $x $b0}}
        {{MADD $c31 $x $b1}}
        (local.set $a0 (i32.add (local.get $a0) (local.get $as)))
        (local.set $a1 (i32.add (local.get $a1) (local.get $as)))
        (local.set $a2 (i32.add (local.get $a2) (local.get $as)))
        (local.set $a3 (i32.add (local.get $a3) (local.get $as)))
        (local.set $q0 (i32.add (local.get $q0) (i32.const 8)))
        (local.set $q1 (i32.add (local.get $q1) (i32.const 8)))
        (local.set $q2 (i32.add (local.get $q2) (i32.const 8)))
        (local.set $q3 (i32.add (local.get $q3) (i32.const 8)))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (br_if $lk (local.get $p))){{/DEEPEN}}
      {{STORE_TILE}}
      (local.set $c (i32.add (local.get $o) (local.get $ldcb)))
      (local.set $a (i32.add (local.get $a) (i32.shl (local.get $rs) (i32.const 2))))
      (local.set $npan (i32.sub (local.get $npan) (i32.const 1)))
      (br_if $panel (local.get $npan))))

  ;; The unpacked product (see $kernelDirectColumn, and $kernelDirectColumnT when tb): A element
  ;; (i, p) at a + (i·lda + p)·8, or at a + (p·lda + i)·8 when ta; B element (p, j) at
  ;; b + (p·ldb + j)·8, or at b + (j·ldb + p)·8 when tb. m, n ≥ 1, 1 ≤ k ≤ KC.
  (func (export "gemmDirect") (param $ws i32) (param $ta i32) (param $tb i32) (param $m i32) (param $n i32) (param $k i32)
                              (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
                              (param $c i32) (param $ldc i32) (param $acc i32)
    (local $rs i32) (local $as i32) (local $ldbb i32) (local $ldcb i32) (local $tile i32)
    (local $ir i32) (local $jr i32) (local $mr i32) (local $nr i32) (local $a0 i32) (local $mfull i32)
    (local.set $tile (i32.add (local.get $ws) (i32.const {{TILE}})))
    (local.set $ldbb (i32.shl (local.get $ldb) (i32.const 3)))
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    ;; rs: bytes from one row of op(A) to the next; as: from one depth p to the next
    (if (local.get $ta)
      (then (local.set $rs (i32.const 8)) (local.set $as (i32.shl (local.get $lda) (i32.const 3))))
      (else (local.set $rs (i32.shl (local.get $lda) (i32.const 3))) (local.set $as (i32.const 8))))
    ;; column by column: the full tiles in one call, then the edge tiles
    (local.set $mfull (i32.and (local.get $m) (i32.const -4)))
    (local.set $jr (i32.const 0))
    (block $djr (loop $ljr
      (br_if $djr (i32.ge_s (local.get $jr) (local.get $n)))
      (local.set $nr (i32.sub (local.get $n) (local.get $jr)))
      (if (i32.gt_s (local.get $nr) (i32.const 4)) (then (local.set $nr (i32.const 4))))
      (local.set $ir (i32.const 0))
      (if (i32.and (i32.eq (local.get $nr) (i32.const 4)) (i32.gt_s (local.get $mfull) (i32.const 0)))
        (then
          (if (local.get $tb)
            (then
              (call $kernelDirectColumnT (local.get $k) (local.get $a) (local.get $rs) (local.get $as)
                (i32.add (local.get $b) (i32.mul (local.get $jr) (local.get $ldbb))) (local.get $ldbb)
                (i32.add (local.get $c) (i32.shl (local.get $jr) (i32.const 3))) (local.get $ldcb)
                (local.get $acc) (i32.shr_u (local.get $mfull) (i32.const 2)) (i32.const 4) (i32.const 4)))
            (else
              (call $kernelDirectColumn (local.get $k) (local.get $a) (local.get $rs) (local.get $as)
                (i32.add (local.get $b) (i32.shl (local.get $jr) (i32.const 3))) (local.get $ldbb)
                (i32.add (local.get $c) (i32.shl (local.get $jr) (i32.const 3))) (local.get $ldcb)
                (local.get $acc) (i32.shr_u (local.get $mfull) (i32.const 2)) (i32.const 4))))
          (local.set $ir (local.get $mfull))))
      (block $dir (loop $lir
        (br_if $dir (i32.ge_s (local.get $ir) (local.get $m)))
        (local.set $mr (i32.sub (local.get $m) (local.get $ir)))
        (if (i32.gt_s (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $ir) (local.get $rs))))
        (if (local.get $tb)
          (then
            (call $kernelDirectColumnT (local.get $k) (local.get $a0) (local.get $rs) (local.get $as)
              (i32.add (local.get $b) (i32.mul (local.get $jr) (local.get $ldbb))) (local.get $ldbb)
              (local.get $tile) (i32.const 32) (i32.const 0) (i32.const 1) (local.get $mr) (local.get $nr)))
          (else
            (call $kernelDirectColumn (local.get $k) (local.get $a0) (local.get $rs) (local.get $as)
              (i32.add (local.get $b) (i32.shl (local.get $jr) (i32.const 3))) (local.get $ldbb)
              (local.get $tile) (i32.const 32) (i32.const 0) (i32.const 1) (local.get $mr))))
        (call $copyCorner (local.get $tile)
          (i32.add (i32.add (local.get $c) (i32.mul (local.get $ir) (local.get $ldcb))) (i32.shl (local.get $jr) (i32.const 3)))
          (local.get $ldcb) (local.get $acc) (local.get $mr) (local.get $nr))
        (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
        (br $lir)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
      (br $ljr))))

  ;; C = alpha·op(A)·op(B) (acc = 0) or C += alpha·op(A)·op(B) (acc ≠ 0).
  ;; Requires m, n, k ≥ 1 (the caller handles empty shapes) and non-overlapping C.
  (func (export "gemm") (param $ws i32) (param $ta i32) (param $tb i32) (param $m i32) (param $n i32) (param $k i32)
                        (param $alpha f64) (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32)
                        (param $c i32) (param $ldc i32) (param $acc i32)
    (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $kcp i32)
    (local $ic i32) (local $mc i32) (local $add i32) (local $ldcb i32)
    (local $packa i32) (local $packb i32) (local $tile i32)
    (local.set $packa (i32.add (local.get $ws) (i32.const {{PACKA}})))
    (local.set $packb (i32.add (local.get $ws) (i32.const {{PACKB}})))
    (local.set $tile (i32.add (local.get $ws) (i32.const {{TILE}})))
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $jc (i32.const 0))
    (block $djc (loop $ljc
      (br_if $djc (i32.ge_s (local.get $jc) (local.get $n)))
      (local.set $nc (i32.sub (local.get $n) (local.get $jc)))
      (if (i32.gt_s (local.get $nc) (i32.const {{NC}})) (then (local.set $nc (i32.const {{NC}}))))
      (local.set $pc (i32.const 0))
      (block $dpc (loop $lpc
        (br_if $dpc (i32.ge_s (local.get $pc) (local.get $k)))
        (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
        (if (i32.gt_s (local.get $kc) (i32.const {{KC}})) (then (local.set $kc (i32.const {{KC}}))))
        (local.set $kcp (i32.and (i32.add (local.get $kc) (i32.const 3)) (i32.const -4)))
        (call $packPanels (local.get $packb) (i32.eqz (local.get $tb)) (f64.const 1) (local.get $b) (local.get $ldb)
                          (local.get $jc) (local.get $nc) (local.get $pc) (local.get $kc) (local.get $kcp))
        (local.set $add (i32.or (i32.ne (local.get $acc) (i32.const 0)) (i32.gt_s (local.get $pc) (i32.const 0))))
        (local.set $ic (i32.const 0))
        (block $dic (loop $lic
          (br_if $dic (i32.ge_s (local.get $ic) (local.get $m)))
          (local.set $mc (i32.sub (local.get $m) (local.get $ic)))
          (if (i32.gt_s (local.get $mc) (i32.const {{MC}})) (then (local.set $mc (i32.const {{MC}}))))
          (call $packPanels (local.get $packa) (local.get $ta) (local.get $alpha) (local.get $a) (local.get $lda)
                            (local.get $ic) (local.get $mc) (local.get $pc) (local.get $kc) (local.get $kcp))
          (call $blockProduct (local.get $tile) (local.get $kcp) (local.get $packa) (local.get $packb)
                              (i32.add (local.get $c)
                                       (i32.shl (i32.add (i32.mul (local.get $ic) (local.get $ldc)) (local.get $jc))
                                                (i32.const 3)))
                              (local.get $ldcb) (local.get $add) (local.get $mc) (local.get $nc))
          (local.set $ic (i32.add (local.get $ic) (local.get $mc)))
          (br $lic)))
        (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
        (br $lpc)))
      (local.set $jc (i32.add (local.get $jc) (local.get $nc)))
      (br $ljc))))
  ;; Matrix–vector products, unpacked. For i < m:
  ;;   t = 0:  y[i] (=|+=) Σ_p A[i*lda + p]·x[p]   (row i of A is contiguous: a dot product)
  ;;   t = 1:  y[i] (=|+=) Σ_p A[p*lda + i]·x[p]   (A stored k×m: y gathers the rows of A)
  ;; (=|+=): y is overwritten (acc = 0) or added to. a, x, y are byte addresses, lda counts
  ;; elements; m, k ≥ 1. The sums run in the orders of the JS kernels in ../gemm.ts — a dot product
  ;; adds its even terms in lane 0 and its odd terms in lane 1 (an odd k's last term joins lane 0),
  ;; then lane 0 + lane 1; the row form adds the terms in the order p = 0, 1, … — so the plain-SIMD
  ;; variant gives their results bit for bit.
  (func (export "gemv") (param $t i32) (param $m i32) (param $k i32) (param $a i32) (param $lda i32)
                        (param $x i32) (param $y i32) (param $acc i32)
    (if (local.get $t)
      (then (call $gemvRows (local.get $m) (local.get $k) (local.get $a) (local.get $lda)
                            (local.get $x) (local.get $y) (local.get $acc)))
      (else (call $gemvDots (local.get $m) (local.get $k) (local.get $a) (local.get $lda)
                            (local.get $x) (local.get $y) (local.get $acc)))))

  ;; y[i] (=|+=) lane 0 of s (plus the last term of row `row` for an odd k) + lane 1 of s.
  ;; Inlined into its callers at build time (scripts/build-wasm.mjs): a Wasm call per row of A cost
  ;; as much as the row's multiply-adds for short rows. Inlined, X·θ took 1/1.5 of the time at
  ;; 4096×8, 1/1.7–1/2.3 at 16384×4, 1/1.2 at 4096×32 (2026-12-07, old and new alternating).
  (func $dotFinish (param $s v128) (param $row i32) (param $x i32) (param $k i32) (param $y i32) (param $acc i32)
    (local $d f64) (local $last i32)
    (local.set $d (f64x2.extract_lane 0 (local.get $s)))
    (if (i32.and (local.get $k) (i32.const 1))
      (then
        (local.set $last (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 3)))
        (local.set $d (f64.add (local.get $d)
                               (f64.mul (f64.load (i32.add (local.get $row) (local.get $last)))
                                        (f64.load (i32.add (local.get $x) (local.get $last))))))))
    (local.set $d (f64.add (local.get $d) (f64x2.extract_lane 1 (local.get $s))))
    (if (local.get $acc) (then (local.set $d (f64.add (f64.load (local.get $y)) (local.get $d)))))
    (f64.store (local.get $y) (local.get $d)))

  ;; t = 0: four rows per pass (x is read once for the four), then the rest one by one.
  (func $gemvDots (param $m i32) (param $k i32) (param $a i32) (param $lda i32)
                  (param $x i32) (param $y i32) (param $acc i32)
    (local $i i32) (local $p i32) (local $pend i32) (local $ldab i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $xv v128) (local $av v128)
    (local.set $ldab (i32.shl (local.get $lda) (i32.const 3)))
    (local.set $pend (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ldab))))
      (local.set $r1 (i32.add (local.get $r0) (local.get $ldab)))
      (local.set $r2 (i32.add (local.get $r1) (local.get $ldab)))
      (local.set $r3 (i32.add (local.get $r2) (local.get $ldab)))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $s1 (v128.const i64x2 0 0))
      (local.set $s2 (v128.const i64x2 0 0))
      (local.set $s3 (v128.const i64x2 0 0))
      (local.set $p (i32.const 0))
      (block $dp (loop $lp
        (br_if $dp (i32.ge_u (local.get $p) (local.get $pend)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $p))))
        (local.set $av (v128.load (i32.add (local.get $r0) (local.get $p))))
        {{MADD $s0 $av $xv}}
        (local.set $av (v128.load (i32.add (local.get $r1) (local.get $p))))
        {{MADD $s1 $av $xv}}
        (local.set $av (v128.load (i32.add (local.get $r2) (local.get $p))))
        {{MADD $s2 $av $xv}}
        (local.set $av (v128.load (i32.add (local.get $r3) (local.get $p))))
        {{MADD $s3 $av $xv}}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $lp)))
      (call $dotFinish (local.get $s0) (local.get $r0) (local.get $x) (local.get $k)
                       (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))) (local.get $acc))
      (call $dotFinish (local.get $s1) (local.get $r1) (local.get $x) (local.get $k)
                       (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 3))) (local.get $acc))
      (call $dotFinish (local.get $s2) (local.get $r2) (local.get $x) (local.get $k)
                       (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 3))) (local.get $acc))
      (call $dotFinish (local.get $s3) (local.get $r3) (local.get $x) (local.get $k)
                       (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 3)) (i32.const 3))) (local.get $acc))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l4)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_s (local.get $i) (local.get $m)))
      (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ldab))))
      (local.set $s0 (v128.const i64x2 0 0))
      (local.set $p (i32.const 0))
      (block $dq (loop $lq
        (br_if $dq (i32.ge_u (local.get $p) (local.get $pend)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $p))))
        (local.set $av (v128.load (i32.add (local.get $r0) (local.get $p))))
        {{MADD $s0 $av $xv}}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $lq)))
      (call $dotFinish (local.get $s0) (local.get $r0) (local.get $x) (local.get $k)
                       (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))) (local.get $acc))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1))))

  ;; t = 1: y (zeroed unless acc) += x[p]·(row p of A), four rows of A per pass over y (y is read
  ;; and written once for the four, each entry still adding p, p+1, p+2, p+3 in order), then the
  ;; rest one by one. An odd m's last entry is done in scalar arithmetic.
  (func $gemvRows (param $m i32) (param $k i32) (param $a i32) (param $lda i32)
                  (param $x i32) (param $y i32) (param $acc i32)
    (local $p i32) (local $i i32) (local $iend i32) (local $mb i32) (local $ldab i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $v v128) (local $av v128)
    (local $d f64)
    (local.set $ldab (i32.shl (local.get $lda) (i32.const 3)))
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $iend (i32.shl (i32.and (local.get $m) (i32.const -2)) (i32.const 3)))
    (if (i32.eqz (local.get $acc)) (then (memory.fill (local.get $y) (i32.const 0) (local.get $mb))))
    (local.set $p (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
      (local.set $q0 (i32.add (local.get $a) (i32.mul (local.get $p) (local.get $ldab))))
      (local.set $q1 (i32.add (local.get $q0) (local.get $ldab)))
      (local.set $q2 (i32.add (local.get $q1) (local.get $ldab)))
      (local.set $q3 (i32.add (local.get $q2) (local.get $ldab)))
      (local.set $x0 (v128.load64_splat (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $x1 (v128.load64_splat offset=8 (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $x2 (v128.load64_splat offset=16 (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $x3 (v128.load64_splat offset=24 (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $i (i32.const 0))
      (block $di (loop $li
        (br_if $di (i32.ge_u (local.get $i) (local.get $iend)))
        (local.set $v (v128.load (i32.add (local.get $y) (local.get $i))))
        (local.set $av (v128.load (i32.add (local.get $q0) (local.get $i))))
        {{MADD $v $av $x0}}
        (local.set $av (v128.load (i32.add (local.get $q1) (local.get $i))))
        {{MADD $v $av $x1}}
        (local.set $av (v128.load (i32.add (local.get $q2) (local.get $i))))
        {{MADD $v $av $x2}}
        (local.set $av (v128.load (i32.add (local.get $q3) (local.get $i))))
        {{MADD $v $av $x3}}
        (v128.store (i32.add (local.get $y) (local.get $i)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $li)))
      (if (i32.and (local.get $m) (i32.const 1))
        (then
          (local.set $d (f64.load (i32.add (local.get $y) (local.get $iend))))
          (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (i32.add (local.get $q0) (local.get $iend)))
                                                         (f64x2.extract_lane 0 (local.get $x0)))))
          (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (i32.add (local.get $q1) (local.get $iend)))
                                                         (f64x2.extract_lane 0 (local.get $x1)))))
          (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (i32.add (local.get $q2) (local.get $iend)))
                                                         (f64x2.extract_lane 0 (local.get $x2)))))
          (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (i32.add (local.get $q3) (local.get $iend)))
                                                         (f64x2.extract_lane 0 (local.get $x3)))))
          (f64.store (i32.add (local.get $y) (local.get $iend)) (local.get $d))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $l4)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_s (local.get $p) (local.get $k)))
      (local.set $q0 (i32.add (local.get $a) (i32.mul (local.get $p) (local.get $ldab))))
      (local.set $x0 (v128.load64_splat (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))
      (local.set $i (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_u (local.get $i) (local.get $iend)))
        (local.set $v (v128.load (i32.add (local.get $y) (local.get $i))))
        (local.set $av (v128.load (i32.add (local.get $q0) (local.get $i))))
        {{MADD $v $av $x0}}
        (v128.store (i32.add (local.get $y) (local.get $i)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $lj)))
      (if (i32.and (local.get $m) (i32.const 1))
        (then
          (f64.store (i32.add (local.get $y) (local.get $iend))
            (f64.add (f64.load (i32.add (local.get $y) (local.get $iend)))
                     (f64.mul (f64.load (i32.add (local.get $q0) (local.get $iend)))
                              (f64x2.extract_lane 0 (local.get $x0)))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l1))))
)
