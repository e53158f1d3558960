#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file's bytes in one page-aligned anonymous mapping, whose pages the parallel CSV
/// reader hands back to the system as soon as the records on them have been read.
///
/// Holding a whole file while its columns are built costs the file's size on top of the
/// columns: 700 MB for a 10-million-row panel. A lazy load (``load(path:prefix:suffix:)``)
/// therefore reads only the file's first and last bytes; ``CSVTableParser`` reads the records
/// window by window with ``restore(_:)`` and calls ``release(_:)`` on each chunk's bytes once
/// pass 1 has read them, so that the mapping's resident size stays near one window. The rare paths that read a chunk again (a second
/// conversion pass after a wrong guess of a column's kind, or the single-chunk re-read of a
/// file whose chunk cuts fell inside a record) first call ``restore(_:)``, which reads those
/// bytes from the file once more, after checking that the file is still the one that was read.
///
/// The buffer's offsets are the file's offsets.
final class CSVFileBuffer: @unchecked Sendable {
  /// The file's path, for re-reading and for error messages.
  let path: String
  /// The number of bytes.
  let count: Int
  private let base: UnsafeMutablePointer<UInt8>
  private let identity: FileIdentity
  /// The end of the first bytes read at load: the whole file, or the prefix of a lazy load.
  private(set) var prefixEnd: Int
  /// The start of the last bytes read at load (0 when the whole file was read).
  private(set) var suffixStart: Int
  /// Whether the whole file was read in at load (some pages may have been released since),
  /// rather than only its first and last bytes.
  private(set) var isComplete: Bool
  /// Whole-page ranges of bytes already read whose pages stay resident for ``restore(_:)`` to
  /// move under bytes read for the first time (see ``recycle(_:)``).
  private var spare: [Range<Int>] = []
  /// The offset (page-aligned) from which the pages before the suffix have never held bytes:
  /// where moving spare pages saves faulting in fresh ones.
  private var untouched: Int
  /// Page-aligned ranges whose pages were moved away but could not be mapped again (the
  /// system refused a mapping); ``restore(_:)`` maps them before reading into them.
  private var holes: [Range<Int>] = []
  /// Whether ``restore(_:)`` moves spare pages under the bytes it reads (Linux with `mremap`,
  /// not under ThreadSanitizer); otherwise they wait for ``releaseSpare()``. Tests turn it off
  /// to check that path on any machine.
  var movesPages = true
  /// Guards ``spare``, ``untouched`` and ``holes``: pass 2 restores several chunks at once.
  private let recycling = SemaphoreLock()

  /// What identifies the file's contents: device, inode, size and modification time.
  private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let modified: [Int]

    init(_ info: stat) {
      device = UInt64(truncatingIfNeeded: info.st_dev)
      inode = UInt64(truncatingIfNeeded: info.st_ino)
      size = Int(info.st_size)
      #if os(Linux)
      modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
      #elseif canImport(Darwin)
      modified = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
      #else
      modified = []
      #endif
    }
  }

  private init(path: String, base: UnsafeMutablePointer<UInt8>, count: Int, identity: FileIdentity) {
    self.path = path
    self.base = base
    self.count = count
    self.identity = identity
    self.prefixEnd = count
    self.suffixStart = 0
    self.isComplete = true
    self.untouched = count
  }

  deinit {
    _ = munmap(UnsafeMutableRawPointer(base), count)
  }

  /// Maps a regular, non-empty file and reads its first `prefix` and last `suffix` bytes, the
  /// rest being read on demand with ``restore(_:)``; a file no larger than `prefix + suffix`
  /// (the default: any file) is read whole, in concurrent pieces. `nil` for anything else (a
  /// pipe, a special or empty file, a file that changes size while it is read, or when the
  /// mapping cannot be made), which the caller then reads as a byte array.
  ///
  /// Only a file read whole gets the huge-page hint: the reader releases the pages of each
  /// chunk of a lazily read file soon after reading them, which splits huge pages (measured
  /// slower on W2: 4.8 s against 3.7 s).
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - prefix: The bytes to read from the start; default all.
  ///   - suffix: The bytes to read from the end; default 0.
  /// - Throws: ``CSVError/fileUnreadable(path:reason:)`` when the file cannot be opened.
  /// - Complexity: O(bytes read), spread over the cores.
  static func load(path: String, prefix: Int = .max, suffix: Int = 0) throws(CSVError) -> CSVFileBuffer? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .fileUnreadable(path: path, reason: CSVFileIO.lastErrorMessage()) }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
    let size = Int(info.st_size)
    let lazy = prefix > 0 && suffix >= 0 && prefix < size - suffix
    guard let raw = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      raw != MAP_FAILED
    else { return nil }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    if !lazy { HugePageAdvice.advise(raw, bytes: size) }
    let ranges = lazy ? [0..<prefix, size - suffix..<size] : [0..<size]
    guard ranges.allSatisfy({ CSVFileIO.fill(fd, into: base, range: $0) }), CSVFileIO.isAtEnd(fd, size: size) else {
      _ = munmap(raw, size)
      return nil
    }
    let file = CSVFileBuffer(path: path, base: base, count: size, identity: FileIdentity(info))
    if lazy {
      file.prefixEnd = prefix
      file.suffixStart = size - suffix
      file.isComplete = false
      file.untouched = Self.pageSize.map { (prefix + $0 - 1) / $0 * $0 } ?? size
    }
    return file
  }

  /// Reads the whole file in again: the bytes a lazy load left out and any released pages.
  ///
  /// - Throws: ``CSVError/fileUnreadable(path:reason:)``, as ``restore(_:)``.
  func readAll() throws(CSVError) {
    try restore(0..<count)
    prefixEnd = count
    suffixStart = 0
    isComplete = true
  }

  /// The bytes; the pages of released ranges read as zeros until restored.
  var bytes: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base, count: count)
  }

  /// Hands the whole pages inside `range` back to the system (their contents then read as
  /// zeros). Only a hint where the system lacks the call; never fails.
  ///
  /// - Complexity: O(1) calls; the system's work is proportional to the pages released.
  func release(_ range: Range<Int>) {
    #if os(Linux)
    guard let page = Self.pageSize else { return }
    let start = (range.lowerBound + page - 1) / page * page
    let stop = range.upperBound / page * page
    if stop > start {
      _ = madvise(UnsafeMutableRawPointer(base + start), stop - start, MADV_DONTNEED)
    }
    #endif
  }

  /// Reads the bytes of `range` from the file again.
  ///
  /// - Parameter range: Offsets within `0..<count`.
  /// - Throws: ``CSVError/fileUnreadable(path:reason:)`` when the file cannot be opened, has
  ///   changed since it was loaded (another size, inode or modification time), or comes up short.
  /// - Complexity: O(range.count).
  func restore(_ range: Range<Int>) throws(CSVError) {
    let clamped = range.clamped(to: 0..<count)
    guard !clamped.isEmpty else { return }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .fileUnreadable(path: path, reason: CSVFileIO.lastErrorMessage()) }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, FileIdentity(info) == identity else {
      throw .fileUnreadable(
        path: path, reason: "the file changed while it was being read; read it again once it is complete")
    }
    #if os(Linux)
    let mapped = recycling.withLock { () -> Bool in
      guard fillHoles(in: clamped) else { return false }
      moveSpare(under: clamped)
      return true
    }
    guard mapped else {
      throw .fileUnreadable(path: path, reason: "the system refused the memory to read the file into; free some memory and try again")
    }
    #endif
    guard CSVFileIO.fill(fd, into: base, range: clamped) else {
      throw .fileUnreadable(path: path, reason: "the file could not be read a second time")
    }
  }

  /// The system's page size, or `nil` when it cannot be known.
  private static var pageSize: Int? {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    return page > 0 ? page : nil
  }

  /// Keeps the whole pages inside `range`, bytes already read, for the next ``restore(_:)``
  /// of bytes never read before: on Linux it moves them there (`mremap`) instead of faulting
  /// in fresh zeroed pages, which costs about 1.5 µs a page on a virtual machine (a quarter of
  /// reading the W1 file). The bytes of `range` must not be read again until restored; pages
  /// that no restore takes are released by ``releaseSpare()``. Elsewhere this is
  /// ``release(_:)``.
  ///
  /// The spare pages are kept under a lock, so ``restore(_:)`` may run on several threads at
  /// once for disjoint ranges (pass 2 does so); their page moves take turns.
  ///
  /// - Complexity: O(1).
  func recycle(_ range: Range<Int>) {
    #if os(Linux)
    guard let page = Self.pageSize else { return }
    let start = (range.lowerBound + page - 1) / page * page
    let stop = range.upperBound / page * page
    if stop > start { recycling.withLock { spare.append(start..<stop) } }
    #else
    release(range)
    #endif
  }

  /// Releases the pages kept by ``recycle(_:)`` that no restore has taken.
  ///
  /// - Complexity: O(spare ranges) calls.
  func releaseSpare() {
    let kept = recycling.withLock {
      defer { spare = [] }
      return spare
    }
    for range in kept { release(range) }
  }

  #if os(Linux)
  /// Moves spare pages under the never-read whole pages of `range`, before the file's bytes are
  /// read into them (whatever the spare pages hold is overwritten). Each moved page's old place
  /// is mapped again as fresh memory, which reads as zeros like a released page. Spare pages
  /// inside `range` stop being spare (they are about to be overwritten in place). Stops at the
  /// first failing call; nothing else changes then. The caller holds ``recycling``.
  private func moveSpare(under range: Range<Int>) {
    guard let page = Self.pageSize else { return }
    let below = range.lowerBound / page * page, above = (range.upperBound + page - 1) / page * page
    spare = spare.flatMap { kept -> [Range<Int>] in
      guard kept.overlaps(below..<above) else { return [kept] }
      var parts: [Range<Int>] = []
      if kept.lowerBound < below { parts.append(kept.lowerBound..<below) }
      if kept.upperBound > above { parts.append(above..<kept.upperBound) }
      return parts
    }
    guard movesPages, let remap = Self.remap else { return }
    var target = max((range.lowerBound + page - 1) / page * page, untouched)
    let stop = min(range.upperBound / page * page, suffixStart / page * page)
    untouched = max(untouched, (range.upperBound + page - 1) / page * page)
    while target < stop, let source = spare.first {
      let length = min(source.count, stop - target)
      let moved = remap(UnsafeMutableRawPointer(base + source.lowerBound), length, length, Self.moveFixed,
                        UnsafeMutableRawPointer(base + target))
      guard moved == UnsafeMutableRawPointer(base + target) else { return }
      spare[0] = source.lowerBound + length..<source.upperBound
      if spare[0].isEmpty { spare.removeFirst() }
      target += length
      guard mapFresh(source.lowerBound..<source.lowerBound + length) else {
        holes.append(source.lowerBound..<source.lowerBound + length)
        return
      }
    }
  }

  /// Maps fresh memory over the page-aligned `range` of the buffer; whether the system did.
  private func mapFresh(_ range: Range<Int>) -> Bool {
    let placed = mmap(base + range.lowerBound, range.count, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
    return placed == UnsafeMutableRawPointer(base + range.lowerBound)
  }

  /// Maps fresh memory over the holes that meet `range`, each leaving the list once mapped;
  /// `false` if one cannot be mapped (it and the rest stay listed).
  private func fillHoles(in range: Range<Int>) -> Bool {
    guard !holes.isEmpty else { return true }
    var left: [Range<Int>] = [], mapped = true
    for hole in holes {
      if mapped, hole.overlaps(range), mapFresh(hole) { continue }
      if hole.overlaps(range) { mapped = false }
      left.append(hole)
    }
    holes = left
    return mapped
  }

  /// `mremap(2)`'s signature with the new address (Swift does not import it: it is a GNU
  /// extension, declared variadic; on Linux's ABIs the fifth argument travels in the same
  /// register either way).
  private typealias Remap = @convention(c) (
    UnsafeMutableRawPointer?, Int, Int, Int32, UnsafeMutableRawPointer?
  ) -> UnsafeMutableRawPointer?

  /// `MREMAP_MAYMOVE | MREMAP_FIXED`: move the pages to the given address.
  private static let moveFixed: Int32 = 1 | 2

  /// The C library's `mremap`, looked up once; `nil` where it is missing (pages are then
  /// faulted in fresh, as without recycling), and under ThreadSanitizer, which does not
  /// intercept `mremap`: the moved pages would keep the shadow state of their old place
  /// (google/sanitizers issue 1099), which makes for false reports.
  private static let remap: Remap? = {
    let process = UnsafeMutableRawPointer(bitPattern: 0)
    guard dlsym(process, "__tsan_init") == nil else { return nil }
    return dlsym(process, "mremap").map { unsafeBitCast($0, to: Remap.self) }
  }()
  #endif
}
