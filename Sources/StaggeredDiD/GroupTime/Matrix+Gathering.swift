import CausalCore
import LinearAlgebra

extension Matrix {
  /// The given rows, in order; large gathers copy their columns concurrently (a plain copy:
  /// the result does not depend on the number of threads).
  ///
  /// - Complexity: O(rows.count × columns).
  func gatheringRows(_ indices: [Int]) -> Matrix {
    let m = indices.count, k = columns, n = rows
    let out = [Double](zeroSafeUninitializedCapacity: m * k) { buffer, count in
      elements.withUnsafeBufferPointer { xp in
        indices.withUnsafeBufferPointer { ip in
          guard let xb = xp.baseAddress, let ib = ip.baseAddress, let ob = buffer.baseAddress else { return }
          let x = ReadPointer(base: xb), index = IndexPointer(base: ib), target = WritePointer(base: ob)
          let chunks = m * k >= 1 << 16 ? k : 1  // one column per chunk, or all in one
          ParallelChunks.run(chunks) { c in
            for j in chunks == k ? c..<(c + 1) : 0..<k {
              let source = x.base + j * n, destination = target.base + j * m
              for r in 0..<m { (destination + r).initialize(to: source[index.base[r]]) }
            }
          }
        }
      }
      count = m * k
    }
    return Matrix(uncheckedRows: m, columns: k, elements: out)
  }
}

/// Memory that concurrently running chunks read (the owner keeps it alive): concrete types,
/// so that element access compiles to plain loads and stores.
struct ReadPointer: @unchecked Sendable {
  let base: UnsafePointer<Double>
}

/// Row indices that concurrently running chunks read.
struct IndexPointer: @unchecked Sendable {
  let base: UnsafePointer<Int>
}

/// Memory that concurrently running chunks write, each chunk its own region.
struct WritePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
}
