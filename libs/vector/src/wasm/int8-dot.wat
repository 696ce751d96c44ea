;; Dot products of one int16 query with many int8 rows, four lanes at a time (WebAssembly SIMD).
;; Rows are `dim` bytes each (dim a multiple of 16), laid out back to back from `rows`; the query
;; is `dim` int16 values at `q`; out[i] (int32) receives the dot product of row i.
;; The caller scales the query so that 127 * |q|max * dim stays below 2^31 (no overflow).
;; maxabs / sumsq / quantize turn a float32 row (n floats, n a multiple of 16, zero padded) into
;; int8: quantize stores round(x * scale) for each component, saturating at ±127 by construction.
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $q i32) (param $rows i32) (param $n i32) (param $dim i32) (param $out i32)
    (local $r i32) (local $j i32) (local $row i32) (local $qp i32) (local $acc v128) (local $x v128)
    (local.set $row (local.get $rows))
    (block $done
      (loop $each_row
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $qp (local.get $q))
        (loop $each_block
          (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $acc
            (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load (local.get $qp)))))
          (local.set $acc
            (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 (local.get $qp)))))
          (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $each_block (i32.lt_u (local.get $j) (local.get $dim))))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $row (i32.add (local.get $row) (local.get $dim)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each_row))))
  (func (export "maxabs") (param $src i32) (param $n i32) (result f32)
    (local $i i32) (local $m v128)
    (loop $each
      (local.set $m
        (f32x4.max (local.get $m)
          (f32x4.abs (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n))))
    (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
      (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
  (func (export "sumsq") (param $src i32) (param $n i32) (result f32)
    (local $i i32) (local $acc v128) (local $x v128)
    (loop $each
      (local.set $x (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $x) (local.get $x))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
  (func $lanes (param $p i32) (param $s v128) (result v128)
    (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load (local.get $p)) (local.get $s)))))
  (func (export "quantize") (param $src i32) (param $dst i32) (param $n i32) (param $scale f32)
    (local $i i32) (local $s v128) (local $p i32)
    (local.set $s (f32x4.splat (local.get $scale)))
    (loop $each
      (local.set $p (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
      (v128.store (i32.add (local.get $dst) (local.get $i))
        (i8x16.narrow_i16x8_s
          (i16x8.narrow_i32x4_s
            (call $lanes (local.get $p) (local.get $s))
            (call $lanes (i32.add (local.get $p) (i32.const 16)) (local.get $s)))
          (i16x8.narrow_i32x4_s
            (call $lanes (i32.add (local.get $p) (i32.const 32)) (local.get $s))
            (call $lanes (i32.add (local.get $p) (i32.const 48)) (local.get $s)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n)))))
)
