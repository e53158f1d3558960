import Testing

@testable import CausalCore

/// The shared memory check of replicate and simulation loops (`ReplicateMemory`) and its
/// error, `OptionError.exceedsMemory`.
@Suite("Replicate counts whose results exceed the machine's memory")
struct ReplicateMemoryTests {
  /// 16 GB, the physical memory the tests pretend to have.
  static let sixteenGB: UInt64 = 16_000_000_000

  @Test("a footprint counts 8 bytes per value and 48 per array, plus its overhead")
  func footprint() {
    #expect(ReplicateMemory(doubles: 6, arrays: 1, overhead: 24).bytesPerItem == 6 * 8 + 48 + 24)
    #expect(ReplicateMemory(doubles: 3, arrays: 0).bytesPerItem == 24)
    #expect(ReplicateMemory(doubles: 0, arrays: 0).bytesPerItem == 1)
    #expect(ReplicateMemory(doubles: Int.max, arrays: 1).bytesPerItem == Int.max)
  }

  @Test("replicates = 1000000000000 at 120 bytes each is refused on 16 GB with the sizes in the message")
  func trillionReplicates() throws {
    let memory = ReplicateMemory(doubles: 6, arrays: 1, overhead: 24)
    #expect(memory.bytes(count: 1_000_000_000_000) == 120_000_000_000_000)
    let error = #expect(throws: OptionError.self) {
      try memory.check(count: 1_000_000_000_000, option: "replicates", physicalMemory: Self.sixteenGB)
    }
    #expect(
      error == .exceedsMemory(
        option: "replicates", value: 1_000_000_000_000, bytesPerItem: 120, physicalMemory: Self.sixteenGB))
    #expect(
      error?.description
        == "Too large a value 1,000,000,000,000 for replicates: the results would need about 120 TB of memory "
        + "(120 bytes each), more than the 16.0 GB of physical memory of this machine. Use at most 133,333,333; "
        + "a few thousand are usually enough.")
  }

  @Test("replicates = 133333333 fits in 16 GB at 120 bytes each, 133333334 does not")
  func boundary() throws {
    let memory = ReplicateMemory(doubles: 6, arrays: 1, overhead: 24)
    #expect(memory.maximumCount(physicalMemory: Self.sixteenGB) == 133_333_333)
    try memory.check(count: 133_333_333, option: "replicates", physicalMemory: Self.sixteenGB)
    #expect(throws: OptionError.self) {
      try memory.check(count: 133_333_334, option: "replicates", physicalMemory: Self.sixteenGB)
    }
    try memory.check(count: 999, option: "replicates")
  }

  @Test("replicates = Int.max overflows the byte count without trapping and is refused")
  func intMax() {
    let memory = ReplicateMemory(doubles: 4, arrays: 1)
    #expect(memory.bytes(count: Int.max) == nil)
    #expect(!memory.fits(count: Int.max, physicalMemory: UInt64.max))
    let error = #expect(throws: OptionError.self) {
      try memory.check(count: Int.max, option: "simulations", physicalMemory: Self.sixteenGB)
    }
    #expect(error?.description.hasPrefix("Too large a value 9,223,372,036,854,775,807 for simulations: ") == true)
    #expect(error?.description.contains("about 738 EB of memory (80 bytes each)") == true)
  }

  @Test("the enumerated count is checked but the requested value is reported")
  func requestedValue() {
    let error = #expect(throws: OptionError.self) {
      try ReplicateMemory(doubles: 3, arrays: 0).check(
        count: 1 << 40, option: "replicates", requested: 1_000_000_000_000_000, physicalMemory: Self.sixteenGB)
    }
    #expect(error?.description.hasPrefix("Too large a value 1,000,000,000,000,000 for replicates") == true)
  }

  @Test("chunk counts near Int.max do not overflow")
  func chunks() {
    #expect(ReplicateMemory.chunks(count: Int.max, size: 8) == Int.max / 8 + 1)
    #expect(ReplicateMemory.chunks(count: 16, size: 8) == 2)
    #expect(ReplicateMemory.chunks(count: 17, size: 8) == 3)
    #expect(ReplicateMemory.chunks(count: 0, size: 8) == 0)
    #expect(ReplicateMemory.product(Int.max, 2) == Int.max)
    #expect(ReplicateMemory.sum(Int.max, 1) == Int.max)
  }

  @Test("byte counts print in decimal units with three digits")
  func describe() {
    #expect(ReplicateMemory.describe(bytes: 512) == "512 bytes")
    #expect(ReplicateMemory.describe(bytes: 25_300_000_000) == "25.3 GB")
    #expect(ReplicateMemory.describe(bytes: 2_000_000_000_032) == "2.00 TB")
    #expect(ReplicateMemory.describe(bytes: 160e12) == "160 TB")
    #expect(ReplicateMemory.describe(bytes: 999_999) == "1.00 MB")
  }

  @Test("renaming the option keeps the sizes (the tool's --reps for replicates)")
  func renaming() {
    let error = OptionError.exceedsMemory(option: "replicates", value: 5, bytesPerItem: 8, physicalMemory: 16)
    #expect(error.option == "replicates")
    #expect(
      error.renamingOption("--reps")
        == .exceedsMemory(option: "--reps", value: 5, bytesPerItem: 8, physicalMemory: 16))
    #expect(
      OptionError.invalid(option: "level", value: "2", expected: "x").renamingOption("--level")
        == .invalid(option: "--level", value: "2", expected: "x"))
  }
}
