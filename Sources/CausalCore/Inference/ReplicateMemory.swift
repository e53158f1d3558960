import Foundation

/// The memory a loop of replicates or simulations keeps per iteration, and the check, run
/// before anything proportional to the count is allocated, that the whole loop fits in the
/// machine's physical memory.
///
/// Every bootstrap and simulation keeps its `B` results until they are summarized (the
/// intervals sort them, the results expose them), so its memory grows with `B`. A count
/// whose results cannot fit would otherwise end the process inside an allocation; instead
/// ``check(count:option:physicalMemory:)`` throws ``OptionError/exceedsMemory(option:value:bytesPerItem:physicalMemory:)``
/// saying how much memory the count needs, how much the machine has and the largest count
/// that fits.
///
/// A footprint is an estimate of the peak bytes one iteration holds: its values (8 bytes
/// each), the heap arrays that hold them (48 bytes each: the array header, allocator rounding
/// and the reference to it) and the fixed bookkeeping of the loop (an outcome enum, a slot of
/// the parallel map's result table). The size arithmetic saturates instead of trapping, so a
/// count near `Int.max` is reported, not a crash.
///
/// ```swift
/// let footprint = ReplicateMemory(doubles: 2 * width, arrays: 1, overhead: 24)
/// try footprint.check(count: replicates, option: "replicates")
/// ```
package struct ReplicateMemory: Sendable, Equatable {
  /// The estimated peak bytes one replicate or simulation keeps.
  package let bytesPerItem: Int

  /// Bytes of one heap array beyond its elements: the 32-byte header, up to 8 bytes of
  /// allocator rounding and the 8-byte reference held by the enclosing array.
  package static let arrayOverhead = 48

  /// A footprint of `doubles` values in `arrays` heap arrays plus `overhead` other bytes per
  /// iteration, saturating at `Int.max`.
  ///
  /// - Parameters:
  ///   - doubles: The `Double` values one iteration keeps at the peak (in all its arrays).
  ///   - arrays: The heap arrays holding them.
  ///   - overhead: Further bytes per iteration (outcome enums, result-table slots).
  package init(doubles: Int, arrays: Int = 1, overhead: Int = 0) {
    let values = Self.product(max(0, doubles), MemoryLayout<Double>.stride)
    let headers = Self.product(max(0, arrays), Self.arrayOverhead)
    bytesPerItem = max(1, Self.sum(Self.sum(values, headers), max(0, overhead)))
  }

  /// The physical memory of this machine (`ProcessInfo.physicalMemory`), in bytes.
  package static var physicalMemory: UInt64 { ProcessInfo.processInfo.physicalMemory }

  /// The bytes `count` iterations need, or `nil` when the product overflows `Int`.
  ///
  /// - Complexity: O(1).
  package func bytes(count: Int) -> Int? {
    let (total, overflow) = max(0, count).multipliedReportingOverflow(by: bytesPerItem)
    return overflow ? nil : total
  }

  /// The largest count whose results fit in `physicalMemory` bytes.
  ///
  /// - Complexity: O(1).
  package func maximumCount(physicalMemory: UInt64 = Self.physicalMemory) -> Int {
    Int(clamping: physicalMemory / UInt64(bytesPerItem))
  }

  /// Whether `count` iterations fit in `physicalMemory` bytes.
  ///
  /// - Complexity: O(1).
  package func fits(count: Int, physicalMemory: UInt64 = Self.physicalMemory) -> Bool {
    guard let needed = bytes(count: count) else { return false }
    return UInt64(needed) <= physicalMemory
  }

  /// Throws unless `count` iterations fit in the machine's physical memory.
  ///
  /// - Parameters:
  ///   - count: The number of replicates or simulations the loop runs.
  ///   - option: The option that set `count` (`"replicates"`, `"simulations"`), named in the
  ///     error.
  ///   - requested: The option's value, reported in the error, when the loop runs fewer
  ///     iterations than it (the `2^G` enumerated sign vectors of a wild cluster bootstrap
  ///     with `B ≥ 2^G`); `count` by default.
  ///   - physicalMemory: The memory to fit in; the machine's by default.
  /// - Throws: ``OptionError/exceedsMemory(option:value:bytesPerItem:physicalMemory:)``.
  /// - Complexity: O(1).
  package func check(
    count: Int, option: String, requested: Int? = nil, physicalMemory: UInt64 = Self.physicalMemory
  ) throws(OptionError) {
    guard fits(count: count, physicalMemory: physicalMemory) else {
      throw .exceedsMemory(
        option: option, value: requested ?? count, bytesPerItem: bytesPerItem, physicalMemory: physicalMemory)
    }
  }

  /// The number of chunks of `size` items covering `count` items, without the overflow of
  /// `(count + size - 1) / size` near `Int.max`.
  ///
  /// - Complexity: O(1).
  package static func chunks(count: Int, size: Int) -> Int {
    let size = max(1, size)
    let count = max(0, count)
    return count / size + (count % size == 0 ? 0 : 1)
  }

  /// `a × b`, or `Int.max` when it overflows.
  package static func product(_ a: Int, _ b: Int) -> Int {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : value
  }

  /// `a + b`, or `Int.max` when it overflows.
  package static func sum(_ a: Int, _ b: Int) -> Int {
    let (value, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : value
  }

  /// A byte count in decimal units with three significant digits: `512 bytes`, `2.00 TB`,
  /// `25.2 GB`.
  ///
  /// - Complexity: O(1).
  package static func describe(bytes: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    var value = bytes
    var unit = 0
    while value >= 999.5 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    if unit == 0 { return "\(Int(value.rounded())) bytes" }
    let digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2
    return SummaryFormat.fixed(value, digits) + " " + units[unit]
  }
}
